import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import type { LookupFunction } from "node:net";

import { Agent, buildConnector } from "undici";

import { checkAddress, isHostnameAllowed, refusalMessage, type AllowList } from "./address-policy";
import { OutboundRequestError } from "./outbound-request-error";

// The address check runs inside the connection itself: the resolver hands the socket only
// addresses that passed, so a DNS answer cannot change between the check and the connect
// (no rebinding race). Node skips `lookup` for literal IPs, so the connector also checks the
// address the socket actually reached before any request byte is written.

function refuseFirstInternal(
  hostname: string,
  addresses: LookupAddress[],
  allowList: AllowList,
): OutboundRequestError | null {
  for (const { address } of addresses) {
    const verdict = checkAddress({ address, allowList });
    if (!verdict.allowed)
      return new OutboundRequestError(
        "refused",
        refusalMessage({ hostname, address: verdict.address, reason: verdict.reason }),
      );
  }
  return null;
}

function createGuardedLookup(allowList: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    const lookupOptions: LookupAllOptions = { family: options.family, hints: options.hints, all: true };
    dnsLookup(hostname, lookupOptions, (error, addresses) => {
      if (error) return callback(error, "", 4);
      // A name resolving to any internal address is refused whole, rather than trusting the public ones.
      const refused = isHostnameAllowed({ hostname, allowList })
        ? null
        : refuseFirstInternal(hostname, addresses, allowList);
      if (refused) return callback(refused, "", 4);
      if (addresses.length === 0)
        return callback(Object.assign(new Error(`No address found for ${hostname}`), { code: "ENOTFOUND" }), "", 4);
      // With autoSelectFamily (Node's default) net asks for every address; otherwise for one.
      if (options.all)
        return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function createGuardedConnector(allowList: AllowList): buildConnector.connector {
  const connect = buildConnector({ lookup: createGuardedLookup(allowList) });
  return (options, callback) => {
    connect(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error("Connection failed"), null);
      if (!isHostnameAllowed({ hostname: options.hostname, allowList })) {
        const verdict = checkAddress({ address: socket.remoteAddress ?? "", allowList });
        if (!verdict.allowed) {
          socket.destroy();
          return callback(
            new OutboundRequestError(
              "refused",
              refusalMessage({ hostname: options.hostname, address: verdict.address, reason: verdict.reason }),
            ),
            null,
          );
        }
      }
      callback(null, socket);
    });
  };
}

const agents = new WeakMap<AllowList, Agent>();

/** One pooled undici Agent per allow-list (in practice: the one parsed from the environment). */
export function getGuardedAgent(allowList: AllowList): Agent {
  let agent = agents.get(allowList);
  if (!agent) {
    agent = new Agent({ connect: createGuardedConnector(allowList), keepAliveTimeout: 4_000 });
    agents.set(allowList, agent);
  }
  return agent;
}
