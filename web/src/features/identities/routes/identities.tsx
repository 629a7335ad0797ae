import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { type Identity } from '@/features/identities/api/identities';
import { useDebounced } from '@/lib/hooks/use-debounced';
import { Card, Empty, Loading } from '@/components/ui';
import { ErrorView } from '@/components/ErrorView';
import { FormError } from '@/components/FormError';
import { useDeleteIdentity, useIdentities, useSaveIdentity } from '@/features/identities/api/identities';

/** The systems the sources match users in; any other name is allowed too. */
export const knownSystems = ['email', 'github', 'viva'];

/**
 * Admin → Identities: who is who in the tools' exports. Opened from an import's unmatched users
 * with `?system=…&externalId=…`, the add form is filled in and waits only for the employee key.
 */
export default function IdentitiesPanel() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [system, setSystem] = useState(params.get('system') ?? '');
  const identities = useIdentities({ q: useDebounced(q.trim()), system });
  const items = identities.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <Card title={t('identities.add')} id="identity-add">
        <p className="muted">{t('identities.intro')}</p>
        <IdentityForm key={`${params.get('system')}|${params.get('externalId')}`} initialSystem={params.get('system') ?? 'email'} initialExternalId={params.get('externalId') ?? ''} />
      </Card>
      <Card title={t('identities.title')} id="identities">
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="id-search">{t('identities.search')}</label>
            <input id="id-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="id-system-filter">{t('identities.system')}</label>
            <select id="id-system-filter" value={system} onChange={(e) => setSystem(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {knownSystems.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        </form>
        {identities.isPending ? (
          <Loading />
        ) : identities.isError ? (
          <ErrorView error={identities.error} onRetry={() => identities.refetch()} compact />
        ) : items.length === 0 ? (
          <Empty>{t('identities.none')}</Empty>
        ) : (
          <div className="table-wrap">
            <table data-testid="identities">
              <thead>
                <tr>
                  <th scope="col">{t('identities.system')}</th>
                  <th scope="col">{t('identities.externalId')}</th>
                  <th scope="col">{t('hr.employeeKey')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <IdentityRow key={`${i.system}|${i.externalId}`} identity={i} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {identities.hasNextPage && (
          <button type="button" className="btn" disabled={identities.isFetchingNextPage} onClick={() => identities.fetchNextPage()}>
            {t('common.loadMore')}
          </button>
        )}
      </Card>
    </>
  );
}

function IdentityForm({ initialSystem, initialExternalId }: { initialSystem: string; initialExternalId: string }) {
  const { t } = useI18n();
  const save = useSaveIdentity();
  const [system, setSystem] = useState(initialSystem);
  const [externalId, setExternalId] = useState(initialExternalId);
  const [employeeKey, setEmployeeKey] = useState('');
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    save.mutate(
      { system: system.trim(), externalId: externalId.trim(), employeeKey: employeeKey.trim() },
      {
        onSuccess: () => {
          setExternalId('');
          setEmployeeKey('');
        },
      },
    );
  }
  return (
    <form className="form" onSubmit={onSubmit} data-testid="identity-form">
      <div className="form-row">
        <div className="field">
          <label htmlFor="id-system">{t('identities.system')}</label>
          <input id="id-system" required list="id-systems" value={system} onChange={(e) => setSystem(e.target.value)} style={{ width: '9rem' }} />
          <datalist id="id-systems">
            {knownSystems.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="id-external">{t('identities.externalId')}</label>
          <input id="id-external" required value={externalId} onChange={(e) => setExternalId(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="id-employee">{t('hr.employeeKey')}</label>
          <input id="id-employee" required value={employeeKey} onChange={(e) => setEmployeeKey(e.target.value)} autoFocus={initialExternalId !== ''} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
      <div aria-live="polite">
        {save.isError && <FormError error={save.error} />}
        {save.isSuccess && (
          <p className="notice notice-ok" role="status">
            {t('identities.saved', { externalId: save.variables?.externalId ?? '', employeeKey: save.variables?.employeeKey ?? '' })}
          </p>
        )}
      </div>
    </form>
  );
}

function IdentityRow({ identity: i }: { identity: Identity }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [employeeKey, setEmployeeKey] = useState(i.employeeKey);
  const save = useSaveIdentity();
  const remove = useDeleteIdentity();
  const label = `${i.system} ${i.externalId}`;
  return (
    <tr>
      <td>
        <code>{i.system}</code>
      </td>
      <td>{i.externalId}</td>
      <td>
        {editing ? (
          <form
            className="form-row"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ ...i, employeeKey: employeeKey.trim() }, { onSuccess: () => setEditing(false) });
            }}
          >
            <label className="sr-only" htmlFor={`emp-${i.system}-${i.externalId}`}>
              {t('identities.employeeOf', { id: label })}
            </label>
            <input id={`emp-${i.system}-${i.externalId}`} required value={employeeKey} onChange={(e) => setEmployeeKey(e.target.value)} style={{ width: '10rem' }} />
            <button type="submit" className="btn btn-small btn-primary" disabled={save.isPending}>
              {t('common.save')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
              {t('identities.cancel')}
            </button>
          </form>
        ) : (
          i.employeeKey
        )}
        {save.isError && <FormError error={save.error} />}
      </td>
      <td>
        {!editing && (
          <button type="button" className="btn btn-small" aria-label={t('identities.editFor', { id: label })} onClick={() => setEditing(true)}>
            {t('identities.edit')}
          </button>
        )}{' '}
        <button
          type="button"
          className="btn btn-small"
          aria-label={t('identities.deleteFor', { id: label })}
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(t('identities.deleteConfirm', { id: label }))) remove.mutate(i);
          }}
        >
          {t('identities.delete')}
        </button>
        {remove.isError && <ErrorView error={remove.error} compact />}
      </td>
    </tr>
  );
}
