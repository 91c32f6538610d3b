let runs = 0;

// Without a template, a default export counts as a handler only when its first
// parameter is named like an event: libraries default-export many functions.
export default async (input) => {
  runs += 1; // ok: not a handler by convention (generic parameter name)
  return input;
};
