// A service that is still starting, usable at once: every method call waits for it to be ready
// (opening IndexedDB, start-up clean-up) and rejects with the start-up error if it never gets there.
// Lets the page render immediately while storage opens. Only for APIs whose methods all return promises.

type AsyncApi<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never };

export function deferredService<T extends AsyncApi<T>>(ready: Promise<T>): T {
  return new Proxy({} as T, {
    get(_, name) {
      if (typeof name !== 'string' || name === 'then') return undefined; // not a thenable itself
      return async (...args: unknown[]) => {
        const service = await ready;
        const method = (service as Record<string, unknown>)[name];
        if (typeof method !== 'function') throw new TypeError(`deferred service: "${name}" expected to be a method`);
        return method.apply(service, args);
      };
    },
  });
}
