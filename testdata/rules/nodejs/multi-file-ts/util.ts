let count = 0;
const history: number[] = [];

export function bump(): void {
  count++; // want "LMI001"
  history.push(count); // want "LMI001"
}

export function snapshot(): number {
  return count;
}

export function reset(): void {
  count = 0; // ok: exported but never called from a handler
}
