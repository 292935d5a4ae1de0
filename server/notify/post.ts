// The one HTTP POST every webhook channel makes: a bounded wait, a Delivery for every outcome, and error text
// that is safe to log and show to an admin (webhook URLs carry their token in the query or the path).
import type { Delivery } from './channel.ts';

export const DEFAULT_TIMEOUT_MS = 5000;

export interface PostOptions { timeoutMs?: number }

/** A platform's verdict on a 2xx answer's body: undefined when delivered, else why not and whether to retry. */
export type BodyCheck = (text: string) => { error: string; retryable: boolean } | undefined;

export interface PostRequest {
  url: string;
  /** The exact bytes to send (a signed body must arrive as signed). */
  body: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  check?: BodyCheck;
  /** Strings that must never appear in an error: the signing secret, and what the visitor typed (a platform may echo
   *  the message back, and errors go to the event log and the admin's alerts, which never name a visitor). */
  redact?: (string | undefined)[];
}

// Longest platform text kept in an error: enough for an errmsg, short enough for a log line.
const MAX_ERROR_TEXT = 120;

export async function postJson(request: PostRequest, options: PostOptions = {}): Promise<Delivery> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, error: 'invalid webhook URL', retryable: false };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'webhook URL is not http(s)', retryable: false };
  // Only the host: WeCom and DingTalk put the token in the query, Feishu and Slack in the path.
  const where = url.host;
  const clean = (text: string) => scrub(text, url, request.redact);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...request.headers },
      body: request.body,
      // A redirect would turn the POST into a GET somewhere the admin never entered.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    const { reason, retryable } = networkFailure(error);
    return { ok: false, error: clean(`${where}: ${reason}`), retryable };
  }
  const status = response.status;
  if (status >= 200 && status < 300) {
    const verdict = request.check?.(text);
    return verdict ? { ok: false, status, error: clean(`${where}: ${verdict.error}`), retryable: verdict.retryable } : { ok: true, status, retryable: false };
  }
  const retryable = status >= 500 || status === 429 || status === 408;
  const said = summary(text) ? `: ${summary(text)}` : '';
  return { ok: false, status, error: clean(`${where}: HTTP ${status}${said}`), retryable };
}

/** The body as JSON, or undefined when it is not an object. */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function networkFailure(error: unknown): { reason: string; retryable: boolean } {
  type Cause = { code?: string; message?: string; errors?: { code?: string }[] };
  const e = error as { name?: string; cause?: Cause };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return { reason: 'no answer in time', retryable: true };
  // fetch refuses the browsers' "bad ports" (25, 6000, 10080, …) outright: no later try will pass.
  if (e?.cause?.message === 'bad port') return { reason: 'port blocked by fetch', retryable: false };
  // A name with several addresses (localhost: ::1 and 127.0.0.1) fails with one error per address.
  const code = e?.cause?.code ?? e?.cause?.errors?.find((x) => x.code)?.code;
  if (code === 'ECONNREFUSED') return { reason: 'connection refused', retryable: true };
  return { reason: code ? `network error ${code}` : 'network error', retryable: true };
}

// A failed answer's gist: a platform's error word or errmsg, never an HTML page or our own payload echoed back.
function summary(text: string): string {
  const answer = parseObject(text);
  const said = answer ? [answer.errmsg, answer.msg, answer.message, answer.error].find((v) => typeof v === 'string') : text.trim();
  return typeof said === 'string' && /^[\x20-\x7e]{1,200}$/.test(said) && !said.includes('<') ? said : '';
}

// Drops the redacted strings and every token the URL carries (query values, long path segments) from text we did not write.
function scrub(text: string, url: URL, redact: (string | undefined)[] = []): string {
  const tokens = [
    ...redact.filter((t) => t && t.trim().length >= 2),
    ...[...url.searchParams.values(), url.search.slice(1)].filter((t) => t.length >= 3),
    ...url.pathname.split('/').map(decodeSafe).filter((segment) => segment.length >= 8),
  ].filter((t): t is string => !!t);
  let out = text.replace(/\s+/g, ' ').replace(/\bhttps?:\/\/\S+/gi, '<url>');
  for (const token of tokens.sort((a, b) => b.length - a.length)) out = out.split(token).join('***');
  return out.length > MAX_ERROR_TEXT ? `${out.slice(0, MAX_ERROR_TEXT - 1)}…` : out;
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
