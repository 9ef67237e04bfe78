/** The source's name and link in one language (profileSourceLocalization). */
export interface ProfileSourceLocalization {
  /** A BCP 47 language tag, e.g. `de-DE`. */
  languageTag: string;
  /** The source's name shown in this language. */
  displayName?: string;
  /** The source's web address for this language. */
  webUrl?: string;
}

export interface ProfileSourceInputs {
  /** The people connector's connection id (Graph's alternate key of the source). Changing it replaces the source. */
  sourceId: string;
  /** The name profile cards show for data from this source. */
  displayName: string;
  /** What the source is, e.g. `Connector` or the HR system's name. */
  kind?: string;
  /** Where people see the source's own record. */
  webUrl?: string;
  /** Display names and links per language. */
  localizations?: ProfileSourceLocalization[];
  /** Take over a source already registered with this sourceId instead of failing on 409. @default false */
  adoptExisting?: boolean;
}

export interface ProfileSourceOutputs extends ProfileSourceInputs {
  /** Graph's id of the profile source. */
  profileSourceId: string;
}

export interface ProfileSourcePriorityInputs {
  /** The profile source (a ProfileSource's `sourceId`, the people connector's connection id). Changing it replaces the entry. */
  sourceId: string;
  /**
   * `first` (highest precedence) or `last` (after every other source, but before the built-in Microsoft Entra ID
   * source, which Graph keeps in the list). Leave it out when placing with `before` or `after`. @default "first"
   */
  position?: string;
  /** Place the source ahead of this other source (its `sourceId`), right before it when moving. */
  before?: string;
  /** Place the source behind this other source (its `sourceId`), right after it when moving. */
  after?: string;
  /**
   * Ignored. Graph keeps source precedence in one tenant-level list, not per profile property; one
   * ProfileSourcePriority per source is enough (see CHANGELOG).
   * @deprecated Graph keeps one precedence list for the tenant: remove `propertyName`, and keep one ProfileSourcePriority per source.
   */
  propertyName?: string;
}

export interface ProfileSourcePriorityOutputs extends Omit<ProfileSourcePriorityInputs, "propertyName"> {
  /** Graph's id of the tenant's precedence setting (the profilePropertySetting without a name). */
  settingId: string;
  /** The tenant's whole precedence list after this source was placed in it. */
  prioritizedSourceUrls: string[];
}
