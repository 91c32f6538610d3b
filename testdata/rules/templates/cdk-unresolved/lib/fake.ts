// A project's own classes that share CDK names: never read as CDK constructs.
export class CapacityProvider {
  constructor(_scope: unknown, _id: string, _props: Record<string, unknown>) {}
  addFunction(_fn: unknown, _opts?: Record<string, unknown>) {}
}

export class FunctionRegistry {
  addFunction(_fn: unknown, _opts?: Record<string, unknown>) {}
}
