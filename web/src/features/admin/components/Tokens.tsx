import { useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime } from '@/lib/format';
import { roles, type Role } from '@/lib/auth/me';
import { Badge, Empty, QueryView } from '@/components/ui';
import { FormError } from '@/components/FormError';
import { ErrorView } from '@/components/ErrorView';
import { useDepartments } from '@/lib/api/departments';
import { useIssueToken, useRevokeToken, useTokens } from '@/features/admin/api/admin';

export function Tokens() {
  const { t, locale, tx } = useI18n();
  const tokens = useTokens();
  const departments = useDepartments();
  const issue = useIssueToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('executive');
  const [codes, setCodes] = useState<string[]>([]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    issue.mutate({ name: name.trim(), role, departmentCodes: role === 'champion' ? codes : [], expiresAt: null }, { onSuccess: () => setName('') });
  }

  return (
    <>
      <form className="form" onSubmit={onSubmit} aria-labelledby="new-token-title">
        <h3 id="new-token-title">{t('admin.newToken')}</h3>
        <div className="form-row">
          <div className="field">
            <label htmlFor="token-name">{t('admin.tokenName')}</label>
            <input id="token-name" required value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="token-role">{t('admin.tokenRole')}</label>
            <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {tx(`role.${r}`, r)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {role === 'champion' && (
          <div className="field">
            <label htmlFor="token-departments">{t('admin.tokenDepartments')}</label>
            <select
              id="token-departments"
              multiple
              required
              size={Math.min(6, departments.data?.length ?? 3)}
              value={codes}
              onChange={(e) => setCodes([...e.target.selectedOptions].map((o) => o.value))}
            >
              {(departments.data ?? []).map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name} ({d.code})
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <button type="submit" className="btn btn-primary" disabled={issue.isPending || !name.trim()}>
            {t('admin.newToken')}
          </button>
        </div>
        <div aria-live="polite">
          {issue.isError && <FormError error={issue.error} />}
          {issue.isSuccess && (
            <div className="notice notice-ok" role="status">
              <strong>{t('admin.tokenCreated')}</strong>
              <p className="token-box" data-testid="new-token">
                {issue.data.token}
              </p>
            </div>
          )}
        </div>
      </form>
      {revoke.isError && <ErrorView error={revoke.error} compact />}
      <QueryView query={tokens} compact>
        {(items) =>
          items.length === 0 ? (
            <Empty />
          ) : (
            <div className="table-wrap" style={{ marginTop: '1rem' }}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.tokenName')}</th>
                    <th scope="col">{t('admin.tokenRole')}</th>
                    <th scope="col">{t('admin.tokenDepartments')}</th>
                    <th scope="col">{t('admin.created')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((tk) => (
                    <tr key={tk.id}>
                      <td>{tk.name}</td>
                      <td>{tx(`role.${tk.role}`, tk.role)}</td>
                      <td>{tk.departmentCodes.join(', ')}</td>
                      <td>{formatDateTime(tk.createdAt, locale)}</td>
                      <td>
                        {tk.revokedAt ? (
                          <Badge>{t('admin.revoked')}</Badge>
                        ) : (
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            disabled={revoke.isPending}
                            onClick={() => {
                              if (window.confirm(t('admin.revokeConfirm', { name: tk.name }))) revoke.mutate(tk.id);
                            }}
                          >
                            {t('admin.revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </>
  );
}
