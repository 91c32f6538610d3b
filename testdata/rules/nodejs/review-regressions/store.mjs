let lastOrder;

export default function saveOrder(order) {
  lastOrder = order; // want "LMI003"
}
