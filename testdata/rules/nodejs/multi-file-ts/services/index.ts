export class Store {
  private keys = new Set<string>();
  private touched = 0;

  remember(key: string): void {
    this.keys.add(key); // want "LMI001"
  }

  touch(): void {
    this.touched = Date.now(); // want "LMI001"
  }
}

export const store = new Store();
