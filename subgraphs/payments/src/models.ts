/** An order as this center knows it: only the key; the router fetches the rest from the Transaction Center. */
export interface OrderRef {
  __typename?: 'Order';
  id: string;
}
