let calls = 0;
let lastSource;

export class Lambda {
  async handler(event) {
    calls++; // want "LMI001"
    return event;
  }
}

export class Config {
  static n = 0;
  static reset() {
    Config.n = 0; // want "LMI001"
  }
  static async handler(event) {
    lastSource = event.source; // want "LMI003"
  }
}

export const lambdaHandler = new Lambda().handler;
export const staticHandler = Config.handler;
