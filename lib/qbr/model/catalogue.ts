// A catalogue written once as an object literal keyed by name: the metric
// catalogue and the SmartNumbers catalogue are both read this way (their
// keys in order, each entry carrying its own key, and a key check).

export type Catalogue<T extends Record<string, object>> = {
  readonly keys: (keyof T & string)[];
  readonly byKey: { readonly [K in keyof T & string]: T[K] & { readonly key: K } };
  readonly has: (key: string) => key is keyof T & string;
};

export function catalogue<T extends Record<string, object>>(entries: T): Catalogue<T> {
  return {
    keys: Object.keys(entries) as (keyof T & string)[],
    byKey: Object.fromEntries(Object.entries(entries).map(([key, d]) => [key, { key, ...d }])) as Catalogue<T>['byKey'],
    has: (key: string): key is keyof T & string => Object.hasOwn(entries, key),
  };
}
