import * as pulumi from "@pulumi/pulumi";
import type { ProfileSourceInputs, ProfileSourceLocalization, ProfileSourcePriorityInputs } from "../../provider/resources/people/types";
import { ArgsOf } from "./inputs";
import { GraphConnectorsResource } from "./resource";

export type ProfileSourceArgs = ArgsOf<ProfileSourceInputs>;
export type ProfileSourcePriorityArgs = ArgsOf<ProfileSourcePriorityInputs>;

/**
 * A people connector registered as a source of profile data (v1.0 `/admin/people/profileSources`, keyed by
 * `sourceId`, the connection id), so Microsoft 365 enriches user profiles with its items. Needs
 * PeopleSettings.ReadWrite.All. Declare it after the connection (pass `connection.connectionId`) and place it
 * in profile properties with ProfileSourcePriority.
 */
export class ProfileSource extends GraphConnectorsResource {
  declare readonly sourceId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
  declare readonly kind: pulumi.Output<string | undefined>;
  declare readonly webUrl: pulumi.Output<string | undefined>;
  declare readonly localizations: pulumi.Output<ProfileSourceLocalization[] | undefined>;
  /** Graph's id of the profile source. */
  declare readonly profileSourceId: pulumi.Output<string>;

  constructor(name: string, args: ProfileSourceArgs, opts?: pulumi.CustomResourceOptions) {
    super("ProfileSource", name, { profileSourceId: undefined, ...args }, opts);
  }
}

/**
 * One profile source's place in the tenant's source precedence: the `prioritizedSourceUrls` of the one profile
 * property setting without a name (`/admin/people/profilePropertySettings`), which Microsoft 365 reads in order,
 * highest first. `position: "first"` (the default) or `"last"` (after every other source, before the built-in
 * Microsoft Entra ID source, which Graph keeps in the list), or `before`/`after` another source's `sourceId`.
 * Only this source's entry is managed: every other entry stays exactly as it is, and the list is re-read before
 * every write and after it, so concurrent edits survive. One per source; global service only. Needs
 * PeopleSettings.ReadWrite.All.
 */
export class ProfileSourcePriority extends GraphConnectorsResource {
  declare readonly sourceId: pulumi.Output<string>;
  declare readonly position: pulumi.Output<string | undefined>;
  declare readonly before: pulumi.Output<string | undefined>;
  declare readonly after: pulumi.Output<string | undefined>;
  /** Graph's id of the tenant's precedence setting. */
  declare readonly settingId: pulumi.Output<string>;
  /** The tenant's whole precedence list after this source was placed in it. */
  declare readonly prioritizedSourceUrls: pulumi.Output<string[]>;

  constructor(name: string, args: ProfileSourcePriorityArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "ProfileSourcePriority",
      name,
      { position: undefined, before: undefined, after: undefined, settingId: undefined, prioritizedSourceUrls: undefined, ...args },
      opts,
    );
  }
}
