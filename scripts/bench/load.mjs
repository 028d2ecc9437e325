// The two load shapes. closedLoad: autocannon's fixed number of connections, each sending its
// next request as soon as the last one is answered (the most the target serves). pacedLoad: a
// steady offered rate, one request every 1/rate s whatever the answers, over a pool of
// connections (undici). autocannon's own rate option is not used for that: it lets each
// connection send its whole second's share back to back at the start of every second, a burst
// that measures queueing, not latency at that rate. Latency is measured on the wire (from when a
// request is written to a connection, what a sender of its own would see) and from when it was
// due (adding the time it waited here for a free connection, when the target holds them all).
import { createHmac, randomBytes } from "node:crypto";

import autocannon from "autocannon";
import { Pool } from "undici";

import { createRecorder } from "./recorder.mjs";

const note = "x".repeat(880);

/** Signed ~1 KB payment bodies: the same one each time, or one with a fresh paymentId each time. */
export function signedBodies({ privateKey, unique }) {
  const sign = (body) => ({
    body,
    headers: {
      "content-type": "application/json",
      "x-signature": createHmac("sha256", privateKey).update(body).digest("hex"),
    },
  });
  const payload = (paymentId) =>
    JSON.stringify({ event: "payment.processed", paymentId, amount: 4200, currency: "EUR", note });
  if (!unique) {
    const request = sign(payload("pay_123"));
    return () => request;
  }
  const prefix = `pay_${randomBytes(4).toString("hex")}_`;
  let n = 0;
  return () => sign(payload(prefix + n++));
}

export async function closedLoad({ url, nextRequest, connections, duration, deliveryIds }) {
  const recorder = createRecorder({ deliveryIds });
  const { body, headers } = nextRequest();
  const onResponse = (status, responseBody, _context, responseHeaders) =>
    recorder.response(status, responseHeaders, responseBody);
  const result = await new Promise((resolve, reject) =>
    autocannon(
      { url, method: "POST", connections, duration, body, headers, requests: [{ onResponse }] },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    ),
  );
  for (let i = 0; i < result.errors; i++) recorder.failure("errors");
  for (let i = 0; i < result.timeouts; i++) recorder.failure("timeouts");
  return recorder.summary({ seconds: result.duration, latency: result.latency });
}

const timeoutCodes = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * Offers `rate` requests/s for `duration` s, then waits up to 15 s for the answers still due;
 * what is left then is unanswered (on a connection) or unsent (still waiting for one).
 * onIssued() is called the moment the last request is sent (when the load stops).
 */
export async function pacedLoad({ url, nextRequest, rate, connections, duration, deliveryIds, onIssued }) {
  const recorder = createRecorder({ deliveryIds });
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections, pipelining: 1, headersTimeout: 10_000, bodyTimeout: 10_000 });
  let pending = 0;
  let queued = 0;
  let closed = false;
  let lastAnswerAt = 0;
  let allAnswered = () => {};

  function send(dueAt) {
    const { body, headers } = nextRequest();
    pending++;
    recorder.sent();
    recorder.waiting(++queued);
    const chunks = [];
    let status = 0;
    let responseHeaders = {};
    let onWireAt = null;
    const settle = (record) => {
      if (onWireAt === null) queued--;
      if (closed) return;
      lastAnswerAt = performance.now();
      record();
      if (--pending === 0) allAnswered();
    };
    pool.dispatch(
      { path: pathname, method: "POST", headers, body },
      {
        // Called as the request is written to a connection (again if it is retried on another).
        onRequestStart() {
          if (onWireAt === null) queued--;
          onWireAt = performance.now();
        },
        onResponseStart(_controller, statusCode, headersReceived) {
          status = statusCode;
          responseHeaders = headersReceived;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          const now = performance.now();
          const timing = { onWire: now - onWireAt, fromDue: now - dueAt };
          settle(() => recorder.response(status, responseHeaders, Buffer.concat(chunks).toString(), timing));
        },
        onResponseError(_controller, error) {
          settle(() => recorder.failure(timeoutCodes.has(error.code) ? "timeouts" : "errors"));
        },
      },
    );
  }

  const total = Math.round(rate * duration);
  const start = performance.now();
  await new Promise((resolve) => {
    let issued = 0;
    // Node's timers fire at best every millisecond: each tick sends every request due by then.
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000));
      for (; issued < due; issued++) send(start + (issued * 1000) / rate);
      if (issued === total) {
        clearInterval(timer);
        onIssued?.();
        resolve();
      }
    }, 1);
  });
  const issuedAt = performance.now();
  if (pending > 0) {
    let timer;
    await Promise.race([
      new Promise((resolve) => (allAnswered = resolve)),
      new Promise((resolve) => (timer = setTimeout(resolve, 15_000))),
    ]);
    clearTimeout(timer);
  }
  closed = true;
  for (let i = 0; i < queued; i++) recorder.failure("unsent");
  for (let i = 0; i < pending - queued; i++) recorder.failure("unanswered");
  await pool.destroy();
  // Answers still arriving after the last request was sent count towards the rate answered.
  const answerSeconds = (Math.max(issuedAt, lastAnswerAt) - start) / 1000;
  return recorder.summary({ seconds: (issuedAt - start) / 1000, answerSeconds });
}
