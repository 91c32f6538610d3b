let configured = 0;

export default function configure(options) {
  configured++; // ok: a default export whose parameter is not an event is not a handler
  return options;
}
