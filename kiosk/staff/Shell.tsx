// What surrounds every staff page: the language, the signed-in person, and the header with their name, sign-out and
// password change. A session the server ended sends the page to sign-in (any 401 does, see ../api.ts).
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import '../ui/theme.css';
import './staff.css';
import { createContext, render, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { PublicSettings, Role, SiteInfo, User } from '../../server/protocol.ts';
import { request } from '../api.ts';
import { SiteBrand } from '../ui/SiteBrand.tsx';
import { homeOf, isSignedIn, me, signOut, STAFF, toSignIn } from './calls.ts';
import { keepLang, LangContext, ROLE_LABEL, startLang, translator, useT, type Lang, type StaffKey } from './i18n.ts';
import { failure, msg, say, type Message } from './problems.ts';
import { PasswordDialog } from './PasswordDialog.tsx';

interface PageOptions {
  /** The page's name in the header; a function of the user when it depends on the role. */
  title: StaffKey | ((user: User | null) => StaffKey);
  /** Who may open the page; none = anyone (sign-in, setup). */
  roles?: Role[];
  page: (props: { user: User }) => ComponentChildren;
}

/** Sent on window with the public settings when a page saved them, so the header follows at once. */
export const SITE_EVENT = 'foyer:site-settings';

/** The site's public settings (name, logo, purposes, …) as the page read them; null until read. */
const SiteContext = createContext<PublicSettings | null>(null);
export const useStaffSite = () => useContext(SiteContext);

/** Renders a staff page into #app. */
export function mountPage(options: PageOptions): void {
  render(<Shell {...options} />, document.getElementById('app')!);
}

function Shell({ title, roles, page }: PageOptions) {
  const [lang, setLang] = useState<Lang>(startLang);
  const t = useMemo(() => translator(lang), [lang]);
  const [user, setUser] = useState<User | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [changing, setChanging] = useState(false);
  const [notice, setNotice] = useState<Message | null>(null);
  /** On a phone the header's buttons fold behind one Menu button, so the page keeps the screen. */
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => keepLang(lang), [lang]);
  useEffect(() => {
    if (!roles) return;
    if (!isSignedIn()) return toSignIn();
    me().then((found) => {
      if (!roles.includes(found.role)) return location.replace(homeOf(found.role));
      setUser(found);
    }, (error) => setProblem(failure(error)));
  }, [attempt]);
  // Pages without a socket (admin) learn of an ended session when they are looked at again: the 401 leads to sign-in.
  useEffect(() => {
    if (!roles) return;
    const recheck = () => { if (document.visibilityState === 'visible' && isSignedIn()) me().catch(() => {}); };
    document.addEventListener('visibilitychange', recheck);
    return () => document.removeEventListener('visibilitychange', recheck);
  }, []);

  // The site's name and logo (public settings): read once; the settings page tells of its own saves (SITE_EVENT).
  const [site, setSite] = useState<PublicSettings | null>(null);
  useEffect(() => {
    request<{ site: SiteInfo }>(STAFF, 'GET', '/api/site').then(({ site: s }) => setSite(s.settings), () => {});
    const heard = (e: Event) => setSite((e as CustomEvent<PublicSettings>).detail);
    addEventListener(SITE_EVENT, heard);
    return () => removeEventListener(SITE_EVENT, heard);
  }, []);
  const siteName = site?.siteName ?? '';
  const heading = t(typeof title === 'function' ? title(user) : title);
  useEffect(() => { document.title = `${heading} · ${siteName || 'Foyer'}`; }, [heading, siteName]);
  const switchLang = () => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN');

  let body: ComponentChildren;
  if (!roles) body = page({ user: null as unknown as User });
  else if (user) body = page({ user });
  else if (problem) {
    body = (
      <div class="staff-center">
        <p class="form-problem" role="alert">{say(t, problem)}</p>
        <button type="button" class="button button-secondary" onClick={() => { setProblem(null); setAttempt((n) => n + 1); }}>{t('refresh')}</button>
      </div>
    );
  } else body = <p class="staff-center lead" role="status">{t('loading')}</p>;

  return (
    <LangContext.Provider value={{ lang, t }}>
      <div class="kiosk staff">
        <header class="kiosk-header staff-header">
          <SiteBrand settings={site ?? undefined} />
          <span class="kiosk-title">
            {!siteName && <span class="staff-brand">{t('brand')} · </span>}{heading}
          </span>
          {user && (
            <span class="staff-user">
              {user.name} <span class="staff-role">{t(ROLE_LABEL[user.role])}</span>
            </span>
          )}
          <button type="button" class="button button-quiet language-button staff-menu-button" aria-expanded={menuOpen} aria-controls="staff-actions"
            onClick={() => setMenuOpen(!menuOpen)}>{t('menu')}</button>
          <span id="staff-actions" class={`staff-actions${menuOpen ? ' staff-actions-open' : ''}`}>
            <button type="button" class="button button-quiet language-button" onClick={() => { setMenuOpen(false); switchLang(); }}>
              <span lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}>{t('switchLanguage')}</span>
            </button>
            {user && <button type="button" class="button button-quiet language-button" onClick={() => { setMenuOpen(false); setNotice(null); setChanging(true); }}>{t('changePassword')}</button>}
            {user && <button type="button" class="button button-quiet language-button" onClick={() => void signOut()}>{t('signOut')}</button>}
          </span>
        </header>
        {notice && <p class="form-done staff-notice" role="status">{say(t, notice)}</p>}
        <main class="staff-main"><SiteContext.Provider value={site}>{body}</SiteContext.Provider></main>
        {changing && <PasswordDialog onClose={() => setChanging(false)} onDone={() => { setChanging(false); setNotice(msg('passwordChanged')); }} />}
      </div>
    </LangContext.Provider>
  );
}
