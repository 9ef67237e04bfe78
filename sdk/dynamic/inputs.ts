import * as pulumi from "@pulumi/pulumi";

/** `T` where every value, at any depth, may also be a Pulumi Input (an Output or a Promise). */
export type DeepInput<T> = pulumi.Input<
  T extends Array<infer U> ? Array<DeepInput<U>> : T extends object ? { [K in keyof T]: DeepInput<T[K]> } : T
>;

/** A resource's arguments: its inputs, each of which may be an Input at any depth (the inputs' docs carry over). */
export type ArgsOf<Inputs> = { [K in keyof Inputs]: DeepInput<Inputs[K]> };
