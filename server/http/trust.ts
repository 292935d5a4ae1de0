// GET /trust: how to trust the site's certificate on an Android tablet, an iPad and a Windows PC, with its SHA-256
// fingerprint; GET /trust/foyer.crt: the certificate itself (DER). Bilingual, phone-sized, no script, the look of the
// answer pages (/answer.css) plus /trust.css; the site's policy allows no inline style.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TlsMaterial } from '../tls.ts';

const CSS = `.fp{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere;background:#f4f5f7;border-radius:8px;padding:.6rem .7rem;margin:.4rem 0 0}
a.button{display:block;text-align:center;text-decoration:none;font-size:1.1rem;padding:.9rem;margin-top:1.2rem;border-radius:10px;background:#1f6feb;color:#fff}
h2{font-size:1.05rem;margin:1.4rem 0 .5rem}p.fp{margin:.2rem 0 1rem}.card+.card{margin-top:1rem}ol{margin:.2rem 0 0;padding-left:1.3rem}li{margin:.35rem 0}
.en{color:#5b6475;font-size:.92rem;display:block}`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const isTrustPath = (url: string) => url === '/trust' || url.startsWith('/trust/') || url.startsWith('/trust?') || url === '/trust.css';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/answer.css"><link rel="stylesheet" href="/trust.css"></head><body><main>${body}</main></body></html>`;
}

/** One step: Chinese, then English under it. */
const step = (zh: string, en: string) => `<li>${zh}<span class="en">${en}</span></li>`;

function trustHtml(tls: TlsMaterial): string {
  const own = tls.kind === 'self-signed';
  return page('信任本站证书 · Trust this site', `<h1>信任本站证书<br>Trust this site's certificate</h1>
<div class="card"><p>${own ? '本站使用 Foyer 为本机生成的证书。每台设备信任一次后，浏览器即不再警告，摄像头扫码和通知即可使用。' : '本站使用管理员安装的证书。若设备尚不信任它，请按下列步骤操作。'}
<span class="en">${own ? 'This site uses a certificate Foyer made for this machine. Trust it once on each device: the browser stops warning, and the camera (QR codes) and notifications work.' : 'This site uses the certificate its administrator installed. If a device does not trust it yet, follow the steps below.'}</span></p>
<p>证书指纹 · Fingerprint (SHA-256)</p><p class="fp" id="fingerprint">${escapeHtml(tls.fingerprint)}</p>
<dl><dt>有效期至 Valid until</dt><dd>${tls.validTo.toISOString().slice(0, 10)}</dd>
<dt>地址 Names</dt><dd>${tls.names.map(escapeHtml).join(', ')}</dd></dl>
<p class="note">请核对指纹与服务器启动时显示的指纹（“tls: fingerprint”一行）完全一致，再信任证书。<span class="en">Check that the fingerprint is exactly the one the server printed at start-up (the "tls: fingerprint" line) before you trust the certificate.</span></p>
<a class="button" href="/trust/foyer.crt" download="foyer.crt">下载证书 · Download the certificate</a></div>
<h2>安卓平板 · Android tablet</h2><div class="card"><ol>
${step('点按上方“下载证书”。', 'Tap "Download the certificate" above.')}
${step('打开“设置 → 安全 → 加密与凭据 → 安装证书 → CA 证书”（各品牌名称略有不同，可在设置中搜索“证书”）。', 'Open Settings → Security → Encryption &amp; credentials → Install a certificate → CA certificate (names vary by brand: search Settings for "certificate").')}
${step('选择“仍然安装”，再选下载的 foyer.crt。', 'Choose "Install anyway", then pick the downloaded foyer.crt.')}
${step('重新打开浏览器，访问本站。', 'Reopen the browser and open the site again.')}</ol></div>
<h2>iPad</h2><div class="card"><ol>
${step('用 Safari 打开本页，点按“下载证书”，再点“允许”。', 'Open this page in Safari, tap "Download the certificate", then "Allow".')}
${step('打开“设置 → 通用 → VPN 与设备管理”，点按 Foyer 描述文件，点“安装”。', 'Open Settings → General → VPN &amp; Device Management, tap the Foyer profile, tap Install.')}
${step('打开“设置 → 通用 → 关于本机 → 证书信任设置”，为 Foyer 证书打开“完全信任”。', 'Open Settings → General → About → Certificate Trust Settings and turn on full trust for the Foyer certificate.')}
${step('回到 Safari，重新打开本站。', 'Go back to Safari and open the site again.')}</ol></div>
<h2>Windows 电脑 · Windows PC</h2><div class="card"><ol>
${step('点按“下载证书”，双击下载的 foyer.crt，点“安装证书”。', 'Click "Download the certificate", double-click the downloaded foyer.crt, click "Install Certificate".')}
${step('选择“本地计算机”（或“当前用户”），下一步。', 'Choose "Local Machine" (or "Current User"), Next.')}
${step('选“将所有的证书都放入下列存储”，浏览选“受信任的根证书颁发机构”，下一步，完成。', 'Choose "Place all certificates in the following store", Browse → "Trusted Root Certification Authorities", Next, Finish.')}
${step('重启 Edge 或 Chrome。Firefox 另需在“设置 → 隐私与安全 → 证书 → 查看证书 → 证书颁发机构 → 导入”中导入。', 'Restart Edge or Chrome. Firefox keeps its own list: Settings → Privacy &amp; Security → Certificates → View Certificates → Authorities → Import.')}</ol></div>
<p class="note">首次打开本站时浏览器会警告连接不安全：核对指纹后选择“高级 → 继续访问”，仅为打开本页。<span class="en">The first time, the browser warns that the connection is not private: after checking the fingerprint, choose Advanced → Proceed, only to reach this page.</span></p>`);
}

const notOn = () => page('未启用 HTTPS · HTTPS is off', `<h1>未启用 HTTPS · HTTPS is off</h1><div class="card"><p class="done">本站服务器未直接提供 HTTPS，没有需要信任的证书。</p>
<p>This server does not serve HTTPS itself (FOYER_TLS or FOYER_TLS_CERT is not set), so there is no certificate to trust.</p></div>`);

function send(res: ServerResponse, status: number, type: string, data: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(data), ...extra });
  res.end(data);
}

/** tls: the served certificate, or undefined when the site speaks plain HTTP (then the page says so, 404). */
export async function trustPage(tls: TlsMaterial | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.resume();
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  const html = 'text/html; charset=utf-8';
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, html, page('405', '<h1>405</h1>'), { allow: 'GET, HEAD' });
  if (pathname === '/trust.css') return send(res, 200, 'text/css; charset=utf-8', CSS, { 'cache-control': 'max-age=3600' });
  if (pathname === '/trust') return tls ? send(res, 200, html, trustHtml(tls)) : send(res, 404, html, notOn());
  if (pathname === '/trust/foyer.crt' && tls) {
    return send(res, 200, 'application/x-x509-ca-cert', tls.der, { 'content-disposition': 'attachment; filename="foyer.crt"' });
  }
  return send(res, 404, html, tls ? page('404', '<h1>404</h1><div class="card"><p><a href="/trust">/trust</a></p></div>') : notOn());
}
