// The site's logo on the settings page: a preview, a file to upload (saved at once, PUT /api/settings/logo) and removal.
import { useState } from 'preact/hooks';
import { RequestError } from '../../api.ts';
import { Button } from '../../ui/Button.tsx';
import { logoUrl } from '../../ui/SiteBrand.tsx';
import { useAction } from '../../ui/useAction.ts';
import { useT } from '../i18n.ts';
import { failure, msg, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { removeLogo, uploadLogo } from './site-calls.ts';

const MAX_BYTES = 256 * 1024;

export function LogoPanel({ version, onChanged }: { version?: string; onChanged: (version: string | undefined) => void }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [upload, uploading] = useAction(async () => {
    setDone(null);
    if (!file) return setProblem(msg('logoPick'));
    if (file.size > MAX_BYTES) return setProblem(msg('errLogoTooBig'));
    try {
      onChanged(await uploadLogo(file));
      setProblem(null);
      setDone(msg('logoSaved'));
    } catch (error) {
      const code = error instanceof RequestError ? error.code : '';
      setProblem(code === 'too-large' || code === 'body-too-large' ? msg('errLogoTooBig') : code === 'not-an-image' || code === 'wrong-type' ? msg('errLogoType') : failure(error));
    }
  });
  const [remove, removing] = useAction(async () => {
    setDone(null);
    try {
      await removeLogo();
      onChanged(undefined);
      setProblem(null);
      setDone(msg('logoRemoved'));
    } catch (error) {
      setProblem(failure(error));
    }
  });
  return (
    <Panel title={t('logoTitle')} class="logo-panel">
      <p class="muted">{t('logoHint')}</p>
      {version ? <img class="logo-preview" src={logoUrl(version)} alt={t('logoTitle')} /> : <p class="muted">{t('logoNone')}</p>}
      <label class="field">
        <span class="field-label">{t('logoFile')}</span>
        <input class="field-input logo-file" type="file" accept="image/png,image/jpeg" onChange={(e) => { setFile((e.target as HTMLInputElement).files?.[0] ?? null); setProblem(null); setDone(null); }} />
      </label>
      <Outcome problem={problem} done={done} />
      <div class="card-actions">
        <Button kind="secondary" busy={uploading} onClick={upload}>{t('logoUpload')}</Button>
        {version && <Button kind="quiet" busy={removing} onClick={remove}>{t('logoRemove')}</Button>}
      </div>
    </Panel>
  );
}
