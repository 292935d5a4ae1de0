// The lobby kiosk: one visitor's turn at a time, from welcome to badge or goodbye, and back.
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Visit } from '../../server/protocol.ts';
import { RequestError } from '../api.ts';
import { LangContext, translator, type Lang, type StringKey } from '../ui/i18n.ts';
import { OfflineBanner } from '../ui/OfflineBanner.tsx';
import { laterOf } from '../ui/progress.ts';
import { useAction } from '../ui/useAction.ts';
import { checkOut, connectLive, isPaired, readInvite, readSite, readVisit, registerVisit, whenUnpaired } from './calls.ts';
import { AboutYou } from './AboutYou.tsx';
import { Badge } from './Badge.tsx';
import { CheckOut } from './CheckOut.tsx';
import type { Problem } from '../ui/checks.ts';
import { Denied, SeeReception } from './Endings.tsx';
import { Goodbye } from './Goodbye.tsx';
import { Header, IdleWarning } from './Frame.tsx';
import { useIdle } from './idle.ts';
import { Invitation } from './Invitation.tsx';
import { InvitationId } from './InvitationId.tsx';
import { Pairing } from './Pairing.tsx';
import { Privacy } from './Privacy.tsx';
import { fieldLabelKey, problemKey } from './problems.ts';
import { listenForScans } from './scanner.ts';
import { inviteCodeFrom, isBadgeCode, SCAN_SHAPES, ScanContext, type ScanHandler } from './scans.ts';
import { DepartureNote, useDepartures } from './Departure.tsx';
import { draftFromInvite, emptyDraft, registerBody, requiredAgreement, screenForVisit, type Draft, type ScreenName } from './session.ts';
import { defaultLang, idleSeconds } from './settings.ts';
import { useSiteSettings } from './site-settings.ts';
import { Waiting } from './Waiting.tsx';
import { Welcome } from './Welcome.tsx';
import { Closed } from './Closed.tsx';
import { Agreement } from './Agreement.tsx';
import { useReceptionOpen } from './reception-hours.ts';
import { YourVisit } from './YourVisit.tsx';

const LIVE_SCREENS: ScreenName[] = ['waiting', 'badge', 'denied', 'reception'];
const SCANS_CHECK_OUT: ScreenName[] = ['welcome', 'badge', 'denied', 'reception', 'goodbye'];
const FREE_SCREENS: ScreenName[] = ['welcome', 'checkout', 'goodbye']; // nobody's turn is interrupted by a leaver's goodbye here
const WAITING_IDLE_FACTOR = 10; // a visitor waiting for the host touches nothing, and should not be thrown out
const SUBMIT_PROBLEMS: Record<string, StringKey> = { 'invite-used': 'inviteUsed', 'invite-not-open': 'inviteNotOpen', 'invite-not-found': 'inviteNotFound', 'reception-closed': 'errReceptionClosed' };
const CHECKOUT_PROBLEMS: Record<string, StringKey> = {
  'badge-invalid': 'checkoutBadgeInvalid', 'badge-expired': 'checkoutBadgeExpired', 'badge-replaced': 'checkoutBadgeExpired',
  'badge-closed': 'checkoutWrongState', 'wrong-state': 'checkoutWrongState', 'http-409': 'checkoutWrongState',
};

export function App() {
  // Read again when an admin changes the site's settings (this device's own URL or storage still wins).
  const siteSettings = useSiteSettings();
  const homeLang = useMemo(defaultLang, [siteSettings?.defaultLang]);
  const idleS = useMemo(idleSeconds, [siteSettings?.idleSeconds]);
  const [lang, setLang] = useState<Lang>(homeLang);
  const [screen, setScreen] = useState<ScreenName>(() => (isPaired() ? 'welcome' : 'pairing'));
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  /** The agreement the purpose requires, signed on its screen: sent with the visit. */
  const [signature, setSignature] = useState<{ id: string; signature: string } | null>(null);
  const receptionOpen = useReceptionOpen(siteSettings);
  const agreement = requiredAgreement(siteSettings, draft.purpose);
  const [visit, setVisit] = useState<Visit | null>(null);
  const [submitProblem, setSubmitProblem] = useState<Problem<StringKey>>(null);
  /** The badge cannot print some of what was typed: the visitor may change it or print it as it is. */
  const [unprintable, setUnprintable] = useState(false);
  const [checkoutProblem, setCheckoutProblem] = useState<StringKey | null>(null);
  const [online, setOnline] = useState(true);
  const [turn, setTurn] = useState(0); // a new key remounts the screens, dropping whatever they held
  const t = useMemo(() => translator(lang), [lang]);
  const scanSlot = useMemo(() => ({ current: null as ScanHandler | null }), []);
  const visitRef = useRef(visit);
  visitRef.current = visit;
  const screenRef = useRef(screen);
  screenRef.current = screen;
  const arrivedEarly = useRef(new Map<string, Visit>()); // updates that beat the POST's answer

  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const go = (next: ScreenName) => () => setScreen(next);
  const reset = () => {
    setScreen(isPaired() ? 'welcome' : 'pairing');
    setLang(homeLang);
    setDraft(emptyDraft());
    setSignature(null);
    setVisit(null);
    setSubmitProblem(null);
    setCheckoutProblem(null);
    arrivedEarly.current.clear();
    setTurn((n) => n + 1);
  };
  const resetRef = useRef(reset);
  resetRef.current = reset;

  useEffect(() => whenUnpaired(() => resetRef.current()), []);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);

  const paired = screen !== 'pairing';
  useEffect(() => {
    if (!paired) return;
    const take = (incoming: Visit) => setVisit((current) => (current?.id === incoming.id ? laterOf(current, incoming) : current));
    return connectLive({
      onVisit: (incoming) => {
        if (visitRef.current?.id === incoming.id) return take(incoming);
        const earlier = arrivedEarly.current.get(incoming.id);
        arrivedEarly.current.set(incoming.id, earlier ? laterOf(earlier, incoming) : incoming);
      },
      onConnected: (connected) => {
        setOnline(connected);
        if (connected) readSite().catch(() => {}); // kept, so the privacy notice has the site's retention even offline
        // Back after a break: whatever was missed meanwhile is in the visit as the server has it now.
        if (connected && visitRef.current) readVisit(visitRef.current.id).then(take, () => {});
      },
    });
  }, [paired]);

  useEffect(() => {
    if (visit && LIVE_SCREENS.includes(screenRef.current)) setScreen(screenForVisit(visit));
  }, [visit]);

  const [submit, submitting] = useAction(async (printAnyway?: boolean) => {
    setSubmitProblem(null);
    setUnprintable(false);
    try {
      const signed = agreement && signature?.id === agreement.id ? { agreement: signature } : {};
      const created = await registerVisit({ ...registerBody(draft, t), ...signed, ...(printAnyway === true ? { printAnyway } : {}) });
      const early = arrivedEarly.current.get(created.id);
      const current = early ? laterOf(created, early) : created;
      setVisit(current);
      setScreen(screenForVisit(current));
    } catch (error) {
      const field = fieldLabelKey(error);
      if (field && error instanceof RequestError && error.code === 'unprintable') {
        setUnprintable(true);
        setSubmitProblem({ key: 'errUnprintable', vars: { field: t(field), characters: (error.characters ?? []).join(' ') } });
      } else setSubmitProblem(field ? { key: 'errCheckField', vars: { field: t(field) } } : { key: problemKey(error, SUBMIT_PROBLEMS) });
    }
  });

  const [checkOutBadge, checkingOut] = useAction(async (code: string) => {
    const fromWelcome = screenRef.current === 'welcome';
    setCheckoutProblem(null);
    setScreen('checkout');
    try {
      const { visit: leaving } = await checkOut(code);
      setVisit(leaving);
      setScreen('goodbye');
    } catch (error) {
      // An invite QR shown to the scanner at welcome is not a badge: open the invitation instead.
      if (fromWelcome && error instanceof RequestError && error.code === 'badge-invalid') {
        const invite = await readInvite(inviteCodeFrom(code)).catch(() => null);
        if (invite) return openInvite(inviteCodeFrom(code), invite);
      }
      setCheckoutProblem(problemKey(error, CHECKOUT_PROBLEMS));
    }
  });
  const checkOutRef = useRef(checkOutBadge);
  checkOutRef.current = checkOutBadge;

  const { departure, leave, dismiss } = useDepartures(CHECKOUT_PROBLEMS);
  const leaveRef = useRef(leave);
  leaveRef.current = leave;
  useEffect(() => listenForScans((code) => {
    const now = screenRef.current;
    if (now === 'pairing') return;
    // A badge leaves whatever the screen; over someone else's turn it does so in passing, keeping their screen.
    if (isBadgeCode(code) && !FREE_SCREENS.includes(now)) void leaveRef.current(code);
    else if (scanSlot.current) scanSlot.current(code);
    else if (SCANS_CHECK_OUT.includes(now)) checkOutRef.current(code);
  }, SCAN_SHAPES), []);

  const openInvite = (code: string, invite: Draft['invite'] & object) => {
    setDraft(draftFromInvite(code, invite));
    setScreen('invitation-id');
  };

  const idleActive = paired && !(screen === 'welcome' && lang === homeLang);
  const secondsLeft = useIdle(screen === 'waiting' ? idleS * WAITING_IDLE_FACTOR : idleS, idleActive, reset);
  const warnAt = Math.min(10, idleS / 2);

  const current = (): JSX.Element => {
    switch (screen) {
      case 'pairing': return <Pairing onPaired={reset} />;
      case 'welcome': {
        const toCheckOut = () => { setCheckoutProblem(null); setScreen('checkout'); };
        // Outside reception hours only invited visitors register (the server refuses walk-ins from a kiosk then).
        if (!receptionOpen && siteSettings) return <Closed settings={siteSettings} onInvitation={go('invitation')} onCheckOut={toCheckOut} />;
        return <Welcome onCheckIn={go('about-you')} onInvitation={go('invitation')} onCheckOut={toCheckOut} />;
      }
      case 'about-you': return <AboutYou draft={draft} update={update} onBack={reset} onNext={go('your-visit')} />;
      case 'your-visit': return <YourVisit draft={draft} update={update} onBack={go('about-you')} onNext={go(agreement ? 'agreement' : 'privacy')} />;
      case 'invitation': return <Invitation onBack={reset} onFound={openInvite} />;
      case 'invitation-id': return <InvitationId draft={draft} lang={lang} update={update} onBack={go('invitation')} onNext={go(agreement ? 'agreement' : 'privacy')} />;
      case 'agreement': return agreement
        ? <Agreement agreement={agreement} onBack={go(draft.invite ? 'invitation-id' : 'your-visit')} onSigned={(s) => { setSignature({ id: agreement.id, signature: s }); setScreen('privacy'); }} />
        : <SeeReception onDone={reset} />;
      case 'privacy': return (
        <Privacy
          onBack={() => { setSubmitProblem(null); setUnprintable(false); go(agreement ? 'agreement' : draft.invite ? 'invitation-id' : 'your-visit')(); }}
          onSubmit={() => submit()} busy={submitting}
          onSubmitAnyway={unprintable ? () => submit(true) : undefined}
          problem={submitProblem && t(submitProblem.key, submitProblem.vars)}
        />
      );
      case 'checkout': return <CheckOut onScan={checkOutBadge} onBack={reset} busy={checkingOut} problem={checkoutProblem} />;
      default: break;
    }
    if (!visit) return <SeeReception onDone={reset} />;
    switch (screen) {
      case 'waiting': return <Waiting visit={visit} onNextVisitor={reset} />;
      case 'badge': return <Badge visit={visit} onDone={reset} />;
      case 'denied': return <Denied visit={visit} onDone={reset} />;
      case 'goodbye': return <Goodbye visit={visit} onDone={reset} />;
      default: return <SeeReception onDone={reset} />;
    }
  };

  return (
    <LangContext.Provider value={{ lang, t }}>
      <ScanContext.Provider value={scanSlot}>
        <div class={`kiosk kiosk-${screen}`} lang={lang}>
          <Header secondsLeft={secondsLeft !== null && secondsLeft <= idleS ? secondsLeft : null} onSwitchLanguage={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} />
          {paired && <OfflineBanner online={online} text={t('offlineBanner')} />}
          <main class="kiosk-main" key={turn}>{current()}</main>
          {departure && <DepartureNote departure={departure} onDismiss={dismiss} />}
          {secondsLeft !== null && secondsLeft <= warnAt && <IdleWarning secondsLeft={secondsLeft} />}
        </div>
      </ScanContext.Provider>
    </LangContext.Provider>
  );
}
