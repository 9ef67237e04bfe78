/**
 * How a resource type's properties are kept in Pulumi's state, where that differs from what its handlers work
 * with: an ExternalGroup keeps its member set as `"type:id"` strings (resources/externalGroup/memberRecord.ts
 * says why and how), and each group of an ExternalGroupSet as one string of such lines. Both providers store checked inputs in this form; the dynamic resources store their
 * outputs in it too (dynamicState.ts), while the native provider's outputs follow its schema (native/server.ts).
 */
import { handlerProps, storedProps, storedSetGroup } from "./resources/externalGroup/memberRecord";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Props = Record<string, any>;

export interface StateForm {
  /** Checked inputs or outputs as stored. */
  store(props: Props): Props;
  /** Stored inputs or outputs (of any release) as the handlers take them. */
  read(props: Props): Props;
}

/** Each group of a set in `form` (an unknown `groups`, in a preview, stays as it is). */
function eachGroup(form: (group: Props) => Props): (props: Props) => Props {
  return (props) => {
    const { groups } = props;
    if (groups === null || typeof groups !== "object" || Array.isArray(groups)) return props;
    return { ...props, groups: Object.fromEntries(Object.entries(groups as Props).map(([groupId, group]) => [groupId, group && typeof group === "object" ? form(group) : group])) };
  };
}

const FORMS: Record<string, StateForm> = {
  ExternalGroup: { store: storedProps, read: handlerProps },
  ExternalGroupSet: { store: eachGroup(storedSetGroup), read: eachGroup(handlerProps) },
};

/** Types whose state is what their handlers work with. */
const AS_IS: StateForm = { store: (props) => props, read: (props) => props };

export const stateFormOf = (type: string): StateForm => FORMS[type] ?? AS_IS;
