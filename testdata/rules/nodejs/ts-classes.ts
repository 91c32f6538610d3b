import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

interface Settings {
  mode: 'fast' | 'safe';
}

async function send(_n: number): Promise<void> {}

function traced() {
  return (_target: unknown, _key: string, descriptor: PropertyDescriptor): PropertyDescriptor => descriptor;
}

class Metrics {
  private static instances = 0;
  public static lastFlush: number | undefined;
  private points: number[] = [];
  private total = 0;

  constructor() {
    Metrics.instances++; // ok: constructor only runs at init (module-scope instance)
    this.total = 0; // ok: constructor only runs at init
  }

  add(value: number): void {
    this.points.push(value); // want "LMI001"
    this.total += value; // want "LMI001"
  }

  async flush(): Promise<void> {
    const before = this.total;
    await send(before);
    this.total = this.total - before; // want "LMI002" "LMI001"
    Metrics.lastFlush = Date.now(); // want "LMI001"
  }
}

class RequestScope {
  private ids: string[] = [];
  add(id: string): void {
    this.ids.push(id); // ok: class only instantiated per invocation
  }
}

class Config {
  static readonly byTenant = new Map<string, Settings>();
}

let shared: Settings | undefined = { mode: 'fast' };
const defaults: unknown = { mode: 'fast' };
const metrics = new Metrics();

class Lambda {
  private invocations = 0;
  private lastRequestId?: string;
  private readonly ddb = new DynamoDBClient({}); // ok: built once, when the instance is created at init

  @traced()
  public async handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
    this.invocations++; // want "LMI001"
    this.lastRequestId = context.awsRequestId; // want "LMI003"
    metrics.add(1);
    await metrics.flush();
    const scope = new RequestScope();
    scope.add(context.awsRequestId);
    const parsed = JSON.parse(event.body ?? '{}') as Settings;
    parsed.mode = 'safe'; // ok: object parsed per invocation
    shared!.mode = 'fast'; // want "LMI001"
    (defaults as Settings).mode = 'safe'; // want "LMI001"
    Config.byTenant.delete('acme'); // want "LMI001"
    return { statusCode: 200, body: String(this.invocations) };
  }
}

const handlerInstance = new Lambda();
export const handler = handlerInstance.handler.bind(handlerInstance);
