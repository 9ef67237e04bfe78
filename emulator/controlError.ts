/** A test-control call that could never work (an invalid fault rule, an object the tenant does not hold): the control API answers 400. */
export class ControlError extends Error {
  override readonly name: string = "ControlError";
}
