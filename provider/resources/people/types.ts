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
  /** The profile property whose prioritized sources to place the source in (the profilePropertySetting `name`, e.g. `skills`). */
  propertyName: string;
  /** The profile source (a ProfileSource's `sourceId`). */
  sourceId: string;
  /** `first` (highest priority) or `last`. @default "first" */
  position?: string;
}

export interface ProfileSourcePriorityOutputs extends ProfileSourcePriorityInputs {
  /** Graph's id of the profile property setting. */
  settingId: string;
  /** The property's whole prioritized source list after this source was placed in it. */
  prioritizedSourceUrls: string[];
}
