class Lambda {
  constructor() {
    this.n = 0; // ok: constructor runs at init
    this.seen = new Set(); // ok: constructor runs at init
  }

  async handler(event, context) {
    this.n++; // want "LMI001"
    const b = this.n;
    await Promise.resolve();
    this.n = b + 1; // want "LMI002" "LMI001"
    const perCall = new Set();
    perCall.add(context.awsRequestId); // ok: per-invocation Set
    return perCall.size;
  }
}

const instance = new Lambda();
exports.handler = instance.handler.bind(instance);
