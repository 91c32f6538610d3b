import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { getOrderTotal } from './pricing.js';
import { db } from './db.js';

// Safe: SDK clients are created once per execution environment and shared.
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

// Hazard: request data kept in module scope. Under LMI, Node.js runs many
// invocations at once in each worker, so this is another caller's user by the
// time an await returns.
let currentUser: string | undefined;

// Hazard: a counter shared by all concurrent invocations.
let ordersServed = 0;

export const lambdaHandler = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  currentUser = event.requestContext.authorizer?.claims?.sub;
  ordersServed++;

  const id = event.pathParameters?.id ?? '';
  const { Item } = await ddb.send(new GetCommand({ TableName: process.env.TABLE, Key: { id } }));

  const total = await getOrderTotal(id);
  const audit = await db.query('INSERT INTO audit(user_id, order_id) VALUES ($1, $2)', [currentUser, id]);

  return {
    statusCode: 200,
    body: JSON.stringify({ item: Item, total, audit: audit.rowCount, requestId: context.awsRequestId }),
  };
};
