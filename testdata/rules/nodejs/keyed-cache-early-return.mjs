// LMI001 (note): a keyed cache write after reading the cache in the same function.
// The engine treats `if (hit) return hit;` on a LOCAL copy of one entry as
// lazy init of the whole module object and drops the finding (the same code
// with `m.get(k)` / `if (cache[k]) return cache[k]` is reported).
const cache = {};

export const handler = async (event) => {
  const hit = cache[event.key];
  if (hit) return hit;
  const value = { key: event.key };
  cache[event.key] = value; // want "LMI001"
  return value;
};
