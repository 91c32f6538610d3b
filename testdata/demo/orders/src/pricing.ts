// Safe: a bounded memo of prices; every request stores the same value for a key.
const priceCache = new Map<string, number>();

// Hazard: read before the await, written after it — concurrent invocations
// overwrite each other's additions (lost update).
let revenue = 0;

export async function getOrderTotal(orderId: string): Promise<number> {
  const cached = priceCache.get(orderId);
  if (cached !== undefined) return cached;
  const total = await fetchPrice(orderId);
  priceCache.set(orderId, total);
  revenue += await applyTax(total);
  return total;
}

async function fetchPrice(orderId: string): Promise<number> {
  return orderId.length * 10;
}

async function applyTax(amount: number): Promise<number> {
  return amount * 1.2;
}
