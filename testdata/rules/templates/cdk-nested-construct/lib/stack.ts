import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

// A helper construct with a function whose id, `Handler`, is common: the
// synthesized OtherStack/Orders/Handler is a different construct.
export class Audit extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Handler', { // ok: not on a capacity provider
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
    });
  }
}
