/**
 * `google.protobuf.Struct` straight between its wire bytes and plain JSON, without google-protobuf's message
 * objects in between.
 *
 * The engine hands the native provider a resource's outputs in every Diff, Read, Update and Delete, and for an
 * ExternalGroupSet of 500 groups those hold 20,000 member objects. Decoded by google-protobuf, each value is a
 * message object with its own arrays (and each Struct a map wrapper) before `toJavaScript` copies it all again:
 * several times the garbage of the values themselves per call, which made the plugin's refresh of such a set
 * its peak of memory. Read here, the same call builds only the plain objects it returns.
 *
 * The encoding is protobuf's (https://protobuf.dev/programming-guides/encoding/) and the messages are
 * google/protobuf/struct.proto's: Struct { map<string, Value> fields = 1 }, a map entry { key = 1, value = 2 },
 * ListValue { repeated Value values = 1 }, Value { oneof kind: null_value = 1, number_value = 2 (double),
 * string_value = 3, bool_value = 4, struct_value = 5, list_value = 6 }. Plain JSON follows google-protobuf's
 * `toJavaScript`/`fromJavaScript`, which tests/unit/structWire.test.ts holds it to.
 */
import { GraphConnectorsError } from "../errors";

type Json = null | number | string | boolean | Json[] | { [key: string]: Json };

export const enum WireType {
  Varint = 0,
  Fixed64 = 1,
  Bytes = 2,
  Fixed32 = 5,
}

const enum ValueField {
  Null = 1,
  Number = 2,
  String = 3,
  Bool = 4,
  Struct = 5,
  List = 6,
}

/** A request the engine could not have sent: the plugin refuses it rather than guess. */
export class MalformedStructError extends GraphConnectorsError {
  override readonly name = "MalformedStructError";
}

/** Reads protobuf fields between two offsets of one buffer. */
export class WireReader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
    private readonly end: number,
  ) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** An unsigned varint; exact up to 2^53 (tags, lengths and enums are far below). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) throw new MalformedStructError("protobuf: a varint runs past the end of its message");
      const byte = this.bytes[this.pos++];
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wireType: number } {
    const tag = this.varint();
    return { field: Math.floor(tag / 8), wireType: tag % 8 };
  }

  /** The span of a length-delimited field's contents; the reader moves past it. */
  span(): { start: number; end: number } {
    const length = this.varint();
    const start = this.pos;
    if (start + length > this.end) throw new MalformedStructError("protobuf: a field runs past the end of its message");
    this.pos = start + length;
    return { start, end: this.pos };
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new MalformedStructError("protobuf: a double runs past the end of its message");
    const value = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return value;
  }

  /** Moves past a field this reader does not take. */
  skip(wireType: number): void {
    if (wireType === WireType.Varint) this.varint();
    else if (wireType === WireType.Fixed64) this.pos += 8;
    else if (wireType === WireType.Bytes) this.span();
    else if (wireType === WireType.Fixed32) this.pos += 4;
    else throw new MalformedStructError(`protobuf: wire type ${wireType} is not one a Struct uses`);
    if (this.pos > this.end) throw new MalformedStructError("protobuf: a field runs past the end of its message");
  }
}

const utf8 = new TextDecoder("utf-8");

function text(bytes: Uint8Array, start: number, end: number): string {
  return utf8.decode(bytes.subarray(start, end));
}

function readValue(bytes: Uint8Array, start: number, end: number): Json {
  const reader = new WireReader(bytes, start, end);
  let value: Json | undefined;
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === ValueField.Null && wireType === WireType.Varint) {
      reader.varint();
      value = null;
    } else if (field === ValueField.Number && wireType === WireType.Fixed64) value = reader.double();
    else if (field === ValueField.String && wireType === WireType.Bytes) {
      const span = reader.span();
      value = text(bytes, span.start, span.end);
    } else if (field === ValueField.Bool && wireType === WireType.Varint) value = reader.varint() !== 0;
    else if (field === ValueField.Struct && wireType === WireType.Bytes) {
      const span = reader.span();
      value = readStruct(bytes, span.start, span.end);
    } else if (field === ValueField.List && wireType === WireType.Bytes) {
      const span = reader.span();
      value = readList(bytes, span.start, span.end);
    } else reader.skip(wireType);
  }
  // google-protobuf's toJavaScript refuses a Value with no kind the same way.
  if (value === undefined) throw new MalformedStructError("protobuf: a google.protobuf.Value has no kind");
  return value;
}

function readList(bytes: Uint8Array, start: number, end: number): Json[] {
  const reader = new WireReader(bytes, start, end);
  const values: Json[] = [];
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field !== 1 || wireType !== WireType.Bytes) {
      reader.skip(wireType);
      continue;
    }
    const span = reader.span();
    values.push(readValue(bytes, span.start, span.end));
  }
  return values;
}

function readStruct(bytes: Uint8Array, start: number, end: number): { [key: string]: Json } {
  const reader = new WireReader(bytes, start, end);
  const fields: { [key: string]: Json } = {};
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field !== 1 || wireType !== WireType.Bytes) {
      reader.skip(wireType);
      continue;
    }
    const entry = reader.span();
    const entryReader = new WireReader(bytes, entry.start, entry.end);
    let key = "";
    let value: Json | undefined;
    while (!entryReader.done) {
      const inner = entryReader.tag();
      if (inner.field === 1 && inner.wireType === WireType.Bytes) {
        const span = entryReader.span();
        key = text(bytes, span.start, span.end);
      } else if (inner.field === 2 && inner.wireType === WireType.Bytes) {
        const span = entryReader.span();
        value = readValue(bytes, span.start, span.end);
      } else entryReader.skip(inner.wireType);
    }
    if (value === undefined) throw new MalformedStructError(`protobuf: the Struct entry '${key}' has no value`);
    // A key such as "__proto__" is a property like any other, not the object's prototype.
    Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return fields;
}

/** A Struct's wire bytes as plain JSON (what google-protobuf's `Struct.deserializeBinary(bytes).toJavaScript()` gives). */
export function decodeStruct(bytes: Uint8Array): { [key: string]: Json } {
  return readStruct(bytes, 0, bytes.length);
}

/**
 * Plain JSON as a Struct's wire bytes. Two passes: the first measures every length-delimited part (in the
 * order the second writes them), so the second writes each length before its contents into one buffer.
 * `undefined` members and array items follow JSON.stringify (dropped, and null), as the JSON round trip the
 * google-protobuf path took.
 */
export function encodeStruct(value: object): Uint8Array {
  const sizes: number[] = [];
  const total = measureStruct(value as Record<string, unknown>, sizes);
  const writer = new WireWriter(total, sizes);
  writer.struct(value as Record<string, unknown>);
  return writer.bytes;
}

const utf8Encoder = new TextEncoder();

function varintSize(value: number): number {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size += 1;
  }
  return size;
}

/** Writes `value` as a varint at `pos` of `target`; returns the position after it. */
function writeVarint(target: Uint8Array, pos: number, value: number): number {
  while (value >= 128) {
    target[pos++] = (value % 128) | 0x80;
    value = Math.floor(value / 128);
  }
  target[pos++] = value;
  return pos;
}

/** A length-delimited field (a message's bytes under its field number), to put beside other fields. */
export function lengthDelimitedField(field: number, contents: Uint8Array): Uint8Array {
  const tag = field * 8 + WireType.Bytes;
  const bytes = new Uint8Array(varintSize(tag) + varintSize(contents.length) + contents.length);
  const pos = writeVarint(bytes, writeVarint(bytes, 0, tag), contents.length);
  bytes.set(contents, pos);
  return bytes;
}

function delimitedSize(length: number): number {
  return 1 + varintSize(length) + length;
}

/** A value as JSON.stringify would write it in an array (undefined and functions become null). */
function jsonItem(value: unknown): unknown {
  const json = toJsonValue(value);
  return json === undefined ? null : json;
}

/** A value as JSON.stringify would take it: toJSON applied, undefined for what it drops. */
function toJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function")
    return (value as { toJSON(): unknown }).toJSON();
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  if (typeof value === "bigint") throw new GraphConnectorsError("a bigint cannot be a Struct value (JSON has no bigint)");
  return value;
}

function structEntries(value: Record<string, unknown>): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [];
  for (const key of Object.keys(value)) {
    const json = toJsonValue(value[key]);
    if (json !== undefined) entries.push([key, json]);
  }
  return entries;
}

/** Pushes the size of each length-delimited part in writing order; returns the Value's encoded size. */
function measureValue(value: unknown, sizes: number[]): number {
  if (value === null) return 2;
  if (typeof value === "number") return 9;
  if (typeof value === "boolean") return 2;
  if (typeof value === "string") {
    const length = Buffer.byteLength(value, "utf8");
    return delimitedSize(length);
  }
  const slot = sizes.push(0) - 1;
  const inner = Array.isArray(value) ? measureList(value, sizes) : measureStruct(value as Record<string, unknown>, sizes);
  sizes[slot] = inner;
  return delimitedSize(inner);
}

function measureList(values: unknown[], sizes: number[]): number {
  let size = 0;
  for (const item of values) {
    const slot = sizes.push(0) - 1;
    const inner = measureValue(jsonItem(item), sizes);
    sizes[slot] = inner;
    size += delimitedSize(inner);
  }
  return size;
}

function measureStruct(value: Record<string, unknown>, sizes: number[]): number {
  let size = 0;
  for (const [key, item] of structEntries(value)) {
    const entrySlot = sizes.push(0) - 1;
    const valueSlot = sizes.push(0) - 1;
    const valueSize = measureValue(item, sizes);
    sizes[valueSlot] = valueSize;
    const entry = delimitedSize(Buffer.byteLength(key, "utf8")) + delimitedSize(valueSize);
    sizes[entrySlot] = entry;
    size += delimitedSize(entry);
  }
  return size;
}

/** Writes what the measuring pass measured, taking its sizes in the same order. */
class WireWriter {
  readonly bytes: Uint8Array;
  private pos = 0;
  private next = 0;
  private readonly view: DataView;

  constructor(
    total: number,
    private readonly sizes: number[],
  ) {
    this.bytes = new Uint8Array(total);
    this.view = new DataView(this.bytes.buffer);
  }

  private varint(value: number): void {
    this.pos = writeVarint(this.bytes, this.pos, value);
  }

  private tag(field: number, wireType: WireType): void {
    this.varint(field * 8 + wireType);
  }

  private string(field: number, value: string): void {
    this.tag(field, WireType.Bytes);
    this.varint(Buffer.byteLength(value, "utf8"));
    const { written } = utf8Encoder.encodeInto(value, this.bytes.subarray(this.pos));
    this.pos += written;
  }

  private measured(): number {
    return this.sizes[this.next++];
  }

  value(value: unknown): void {
    if (value === null) {
      this.tag(ValueField.Null, WireType.Varint);
      this.varint(0);
      return;
    }
    if (typeof value === "number") {
      this.tag(ValueField.Number, WireType.Fixed64);
      this.view.setFloat64(this.pos, value, true);
      this.pos += 8;
      return;
    }
    if (typeof value === "boolean") {
      this.tag(ValueField.Bool, WireType.Varint);
      this.varint(value ? 1 : 0);
      return;
    }
    if (typeof value === "string") {
      this.string(ValueField.String, value);
      return;
    }
    const list = Array.isArray(value);
    this.tag(list ? ValueField.List : ValueField.Struct, WireType.Bytes);
    this.varint(this.measured());
    if (list) this.list(value);
    else this.struct(value as Record<string, unknown>);
  }

  private list(values: unknown[]): void {
    for (const item of values) {
      this.tag(1, WireType.Bytes);
      this.varint(this.measured());
      this.value(jsonItem(item));
    }
  }

  struct(value: Record<string, unknown>): void {
    for (const [key, item] of structEntries(value)) {
      this.tag(1, WireType.Bytes);
      this.varint(this.measured());
      this.string(1, key);
      this.tag(2, WireType.Bytes);
      this.varint(this.measured());
      this.value(item);
    }
  }
}
