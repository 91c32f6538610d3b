import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

// One client per worker, created at init: SDK clients are safe for concurrent use.
const db = new DynamoDBClient({});
const TABLE = process.env.TABLE_NAME;

interface ApiEvent {
  pathParameters?: { id?: string };
}

export const handler = async (event: ApiEvent) => {
  const id = event.pathParameters?.id;
  const res = await db.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: id ?? '' } } }));
  if (!res.Item) {
    return { statusCode: 404, body: JSON.stringify({ message: 'not found' }) };
  }
  return { statusCode: 200, body: JSON.stringify({ id, status: res.Item.status?.S }) };
};
