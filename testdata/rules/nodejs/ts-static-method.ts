// LMI001 false negative: a static method called as `Class.method()` from the
// handler is not treated as invocation code.
class Config {
  private static overrides: Record<string, string> = {};
  static n = 0;

  static override(key: string, value: string): void {
    Config.overrides[key] = value; // want "LMI001"
  }

  static reset(): void {
    Config.n = 5; // want "LMI001"
  }
}

export const handler = async (event: { key: string }) => {
  Config.override('region', 'eu');
  Config.reset();
  return event;
};
