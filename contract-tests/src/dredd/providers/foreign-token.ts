/** The part of a test TokenDealer a foreign token needs. */
interface Dealer {
  addClient(id: string, scopes: string[], audiences: string[]): Promise<{ id: string; secret: string }>;
  token(clientId: string, secret: string, audience: string, scopes?: string[]): Promise<string>;
}

/** The audience of foreign tokens: a service that does not exist. */
export const FOREIGN_AUDIENCE = "elsewhere";

let clients = 0;

/**
 * A real token from `dealer` holding `scopes` but for another audience (`elsewhere`), from a client of its
 * own: what a service must refuse (401) although the signature and the scopes are right.
 */
export async function foreignToken(dealer: Dealer, scopes: string[]): Promise<string> {
  clients += 1;
  const client = await dealer.addClient(`foreign-${process.pid}-${clients}`, scopes, [FOREIGN_AUDIENCE]);
  return dealer.token(client.id, client.secret, FOREIGN_AUDIENCE, scopes);
}
