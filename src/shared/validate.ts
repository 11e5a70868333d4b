/**
 * Tiny validators for data that crosses a context boundary. Everything that arrives from a page,
 * a content script or a message is `unknown` until one of these has checked it. Each validator
 * returns a typed value or a readable error; none of them throws, and every string and array is
 * capped so that hostile input cannot make us keep or process more than we planned for.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
export type Validator<T> = (input: unknown, path?: string) => Result<T>;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (path: string, what: string): Result<never> => ({ ok: false, error: `${path || 'value'}: ${what}` });

export function isRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

export const str =
  (maxLength: number): Validator<string> =>
  (input, path = '') =>
    typeof input !== 'string'
      ? fail(path, 'expected a string')
      : input.length > maxLength
        ? fail(path, `longer than ${maxLength} characters`)
        : ok(input);

export const int =
  (min: number, max: number): Validator<number> =>
  (input, path = '') =>
    typeof input !== 'number' || !Number.isInteger(input)
      ? fail(path, 'expected an integer')
      : input < min || input > max
        ? fail(path, `outside ${min}..${max}`)
        : ok(input);

export const bool: Validator<boolean> = (input, path = '') =>
  typeof input === 'boolean' ? ok(input) : fail(path, 'expected true or false');

export const literal =
  <const T extends readonly (string | number)[]>(...values: T): Validator<T[number]> =>
  (input, path = '') =>
    (values as readonly unknown[]).includes(input)
      ? ok(input as T[number])
      : fail(path, `expected one of ${values.join(', ')}`);

export const optional =
  <T>(inner: Validator<T>): Validator<T | undefined> =>
  (input, path = '') =>
    input === undefined ? ok(undefined) : inner(input, path);

export const array =
  <T>(item: Validator<T>, maxItems: number): Validator<T[]> =>
  (input, path = '') => {
    if (!Array.isArray(input)) return fail(path, 'expected a list');
    if (input.length > maxItems) return fail(path, `more than ${maxItems} items`);
    const out: T[] = [];
    for (let i = 0; i < input.length; i++) {
      const r = item(input[i], `${path}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  };

type Shape = Record<string, Validator<unknown>>;
type FromShape<S extends Shape> = {
  [K in keyof S as undefined extends ReturnTypeValue<S[K]> ? never : K]: ReturnTypeValue<S[K]>;
} & {
  [K in keyof S as undefined extends ReturnTypeValue<S[K]> ? K : never]?: ReturnTypeValue<S[K]>;
};
type ReturnTypeValue<V> = V extends Validator<infer T> ? T : never;

/** An object with exactly the listed keys (unknown keys are dropped, never copied). */
export const object =
  <S extends Shape>(shape: S): Validator<FromShape<S>> =>
  (input, path = '') => {
    if (!isRecord(input)) return fail(path, 'expected an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const validator = shape[key] as Validator<unknown>;
      const r = validator(input[key], path ? `${path}.${key}` : key);
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return ok(out as FromShape<S>);
  };

export const nullable =
  <T>(inner: Validator<T>): Validator<T | null> =>
  (input, path = '') =>
    input === null ? ok(null) : inner(input, path);
