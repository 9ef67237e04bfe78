/**
 * How a resource type's properties are kept in Pulumi's state, where that differs from what its handlers work
 * with: an ExternalGroup keeps its member set as `"type:id"` strings (resources/externalGroup/memberRecord.ts
 * says why and how). Both providers store checked inputs in this form; the dynamic resources store their
 * outputs in it too (dynamicState.ts), while the native provider's outputs follow its schema (native/server.ts).
 */
import { handlerProps, storedProps } from "./resources/externalGroup/memberRecord";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Props = Record<string, any>;

export interface StateForm {
  /** Checked inputs or outputs as stored. */
  store(props: Props): Props;
  /** Stored inputs or outputs (of any release) as the handlers take them. */
  read(props: Props): Props;
}

const FORMS: Record<string, StateForm> = {
  ExternalGroup: { store: storedProps, read: handlerProps },
};

/** Types whose state is what their handlers work with. */
const AS_IS: StateForm = { store: (props) => props, read: (props) => props };

export const stateFormOf = (type: string): StateForm => FORMS[type] ?? AS_IS;
