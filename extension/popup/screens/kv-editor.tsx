import { useEffect, useId, useState } from 'react'
import type { Binding, KvNamespace } from '../../messaging/catalogue.js'
import { callBackground, describeError } from '../background.js'
import { ErrorText } from '../components/error-text.js'
import { KvPatchForm } from '../components/kv-patch-form.js'
import { namespaceName } from '../components/namespace-name.js'
import { PlatformBadge } from '../components/platform-badge.js'
import { Screen } from '../components/screen.js'
import { type KvTarget, kvTargetKey, newKvTargets } from '../format/kv-targets.js'
import { t } from '../i18n.js'

type Load =
  | { state: 'loading' }
  | { state: 'ready'; namespaces: KvNamespace[]; bindings: Binding[] }
  | { state: 'error'; message: string }

/** Every KV namespace of the current avatar (§9.1), and a merge-patch editor for one of them. */
export function KvEditor({ avatarId, onBack }: { avatarId: string; onBack: () => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const [editing, setEditing] = useState<KvTarget>()
  const [stored, setStored] = useState<string>()

  // biome-ignore lint/correctness/useExhaustiveDependencies: the avatar and each retry start a new load.
  useEffect(() => {
    let live = true
    setLoad({ state: 'loading' })
    Promise.all([callBackground('getKv'), callBackground('getBindings')]).then(
      ([namespaces, bindings]) => live && setLoad({ state: 'ready', namespaces, bindings }),
      (error: unknown) => live && setLoad({ state: 'error', message: describeError(error) }),
    )
    return () => {
      live = false
    }
  }, [avatarId, attempt])

  const onStored = (namespaces: KvNamespace[]) => {
    if (load.state === 'ready') setLoad({ ...load, namespaces })
    if (editing) setStored(kvTargetKey(editing))
    setEditing(undefined)
  }

  return (
    <Screen title={t('kvEditor')} onBack={onBack}>
      {load.state === 'loading' && <p className="muted">{t('loadingKv')}</p>}
      {load.state === 'error' && (
        <div className="stack" data-testid="kv-error">
          <ErrorText message={load.message} />
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('retry')}
          </button>
        </div>
      )}
      {load.state === 'ready' && editing && (
        <KvPatchForm
          target={editing}
          avatarId={avatarId}
          current={load.namespaces.find((namespace) => kvTargetKey(namespace) === kvTargetKey(editing))?.content}
          onStored={onStored}
          onClose={() => setEditing(undefined)}
        />
      )}
      {load.state === 'ready' && !editing && (
        <>
          {stored && <p className="success">{t('kvStored')}</p>}
          <NewNamespace
            avatarId={avatarId}
            targets={newKvTargets(avatarId, load.bindings, load.namespaces)}
            onPick={(target) => {
              setStored(undefined)
              setEditing(target)
            }}
          />
          {load.namespaces.length === 0 && <p className="empty">{t('kvEmpty')}</p>}
          <ul className="namespace-list">
            {load.namespaces.map((namespace) => (
              <Namespace
                key={kvTargetKey(namespace)}
                namespace={namespace}
                avatarId={avatarId}
                highlighted={stored === kvTargetKey(namespace)}
                onEdit={() => {
                  setStored(undefined)
                  setEditing({ platform: namespace.platform, identity: namespace.identity })
                }}
              />
            ))}
          </ul>
        </>
      )}
    </Screen>
  )
}

type NamespaceProps = { namespace: KvNamespace; avatarId: string; highlighted: boolean; onEdit: () => void }

function Namespace({ namespace, avatarId, highlighted, onEdit }: NamespaceProps) {
  return (
    <li className="card namespace" data-testid="kv-namespace" data-platform={namespace.platform} data-new={highlighted}>
      <div className="chain-head">
        <PlatformBadge platform={namespace.platform} />
        <div className="binding-text">
          <span className="platform">{namespaceName(namespace, avatarId)}</span>
          <code className="identity full-id">{namespace.identity}</code>
        </div>
        <button type="button" className="ghost small" onClick={onEdit}>
          {t('edit')}
        </button>
      </div>
      <pre className="payload">{JSON.stringify(namespace.content, null, 2)}</pre>
    </li>
  )
}

type NewNamespaceProps = { avatarId: string; targets: KvTarget[]; onPick: (target: KvTarget) => void }

function NewNamespace({ avatarId, targets, onPick }: NewNamespaceProps) {
  const id = useId()
  const [choice, setChoice] = useState(0)
  const target = targets[Math.min(choice, targets.length - 1)]
  if (!target) return null
  return (
    <div className="card stack">
      <label htmlFor={id}>{t('kvNewNamespace')}</label>
      <div className="row new-namespace">
        <select id={id} value={choice} onChange={(event) => setChoice(Number(event.target.value))}>
          {targets.map((option, index) => (
            <option key={kvTargetKey(option)} value={index}>
              {namespaceName(option, avatarId)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => onPick(target)}>
          {t('kvWrite')}
        </button>
      </div>
      <p className="hint">{t('kvNewHint')}</p>
    </div>
  )
}
