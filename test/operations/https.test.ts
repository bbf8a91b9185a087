/**
 * HTTPS from `server.tls`, Strict-Transport-Security from `server.hsts_max_age_seconds`,
 * certificate reload without a restart (reload() in-process, SIGHUP for a process), and
 * `server.require_https` with and without trusted proxies. Certificates are made with openssl
 * in each test; without openssl the TLS tests are skipped.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { killAppProcesses, startAppProcess } from '../helpers/app-process.js'
import { makeTempDir, startGenesis, stopGenesisServers } from '../helpers/genesis-server.js'
import { waitForLogLines } from '../helpers/log-lines.js'
import { hasOpenssl, httpsRequest, makeCertificate, type CertificateFiles } from '../helpers/tls-files.js'

const opensslAvailable = await hasOpenssl()
if (!opensslAvailable) console.warn('openssl is not on the PATH: skipping the HTTPS tests')

const ASK_BODY = '{"role":"qa","prompt":"over tls"}'
const JSON_HEADERS = { 'content-type': 'application/json' }

async function certificateIn(dir: string): Promise<CertificateFiles> {
  return makeCertificate(path.join(dir, 'cert.pem'), path.join(dir, 'key.pem'))
}

function tlsConfig(files: CertificateFiles, extra = ''): string {
  return `server:\n  tls:\n    cert_file: ${files.certFile}\n    key_file: ${files.keyFile}\n${extra}logging:\n  level: silent\n`
}

afterEach(async () => {
  await stopGenesisServers()
  await killAppProcesses()
})

describe.skipIf(!opensslAvailable)('HTTPS listener', () => {
  // The tests that do not replace the certificate share one, because an RSA key is slow to make.
  let sharedDir: string
  let files: CertificateFiles

  beforeAll(async () => {
    sharedDir = await mkdtemp(path.join(os.tmpdir(), 'contracts-ops-tls-'))
    files = await certificateIn(sharedDir)
  })

  afterAll(async () => {
    await rm(sharedDir, { recursive: true, force: true })
  })

  it('serves the configured certificate', async () => {
    const { url } = await startGenesis({ config: tlsConfig(files) })
    const exchange = await httpsRequest(`${url}/agents/ask`, files.cert, { method: 'POST', headers: JSON_HEADERS, body: ASK_BODY })

    expect(url.startsWith('https://')).toBe(true)
    expect(exchange.status).toBe(200)
    expect(exchange.peerFingerprint256).toBe(files.fingerprint256)
  })

  it.each(['/agents/ask', '/health'])('sends Strict-Transport-Security on %s', async (route) => {
    const { url } = await startGenesis({ config: tlsConfig(files, '  hsts_max_age_seconds: 31536000\n') })
    const exchange = await httpsRequest(`${url}${route}`, files.cert, route === '/health' ? {} : { method: 'POST', headers: JSON_HEADERS, body: ASK_BODY })

    expect(exchange.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
  })

  it('sends no Strict-Transport-Security by default', async () => {
    const { url } = await startGenesis({ config: tlsConfig(files) })
    const exchange = await httpsRequest(`${url}/health`, files.cert)

    expect(exchange.headers['strict-transport-security']).toBeUndefined()
  })

  it('presents a replaced certificate after reload()', async () => {
    const dir = await makeTempDir()
    const first = await certificateIn(dir)
    const { url, running } = await startGenesis({ config: tlsConfig(first) })
    const before = await httpsRequest(`${url}/health`, first.cert)

    const second = await certificateIn(dir)
    running.reload()
    const after = await httpsRequest(`${url}/health`, [first.cert, second.cert])

    expect(second.fingerprint256).not.toBe(first.fingerprint256)
    expect(before.peerFingerprint256).toBe(first.fingerprint256)
    expect(after.peerFingerprint256).toBe(second.fingerprint256)
  })

  it('presents a replaced certificate after SIGHUP', async () => {
    const dir = await makeTempDir()
    const first = await certificateIn(dir)
    const logFile = path.join(dir, 'server.log')
    const configFile = path.join(dir, 'config.yaml')
    await writeFile(configFile, tlsConfig(first).replace('level: silent', `level: info\n  output_path: ${logFile}`))
    const app = await startAppProcess({ env: { CONTRACTS_CONFIG: configFile, PORT: '0' }, logFile })
    const url = app.url.replace('http://', 'https://')

    const second = await certificateIn(dir)
    app.signal('SIGHUP')
    await waitForLogLines(logFile, (line) => line.msg === 'TLS certificate reloaded')
    const after = await httpsRequest(`${url}/health`, [first.cert, second.cert])

    expect(after.peerFingerprint256).toBe(second.fingerprint256)
  })

  it('keeps serving HTTPS when require_https is on', async () => {
    const { url } = await startGenesis({ config: tlsConfig(files, '  require_https: true\n') })
    const exchange = await httpsRequest(`${url}/agents/ask`, files.cert, { method: 'POST', headers: JSON_HEADERS, body: ASK_BODY })

    expect(exchange.status).toBe(200)
  })
})

describe('require_https over plain HTTP', () => {
  function requireHttps(trustedProxies: string[]): string {
    return `server:\n  require_https: true\n  trusted_proxies: ${JSON.stringify(trustedProxies)}\nlogging:\n  level: silent\n`
  }

  async function askWith(url: string, headers: Record<string, string>): Promise<Response> {
    return fetch(`${url}/agents/ask`, { method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body: ASK_BODY })
  }

  it('rejects a direct request with 403', async () => {
    const { url } = await startGenesis({ config: requireHttps([]) })
    const response = await askWith(url, {})
    const body = (await response.json()) as { error: string; status: number }

    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(body.error).toBe('https_required')
    expect(body.status).toBe(403)
  })

  it.each([
    ['X-Forwarded-Proto', { 'x-forwarded-proto': 'https' }],
    ['Forwarded', { forwarded: 'proto=https' }],
  ])('accepts %s from a trusted proxy', async (_name, headers) => {
    const { url } = await startGenesis({ config: requireHttps(['127.0.0.1/32']) })
    const response = await askWith(url, headers)
    await response.arrayBuffer()

    expect(response.status).toBe(200)
  })

  it.each([
    ['X-Forwarded-Proto', { 'x-forwarded-proto': 'https' }],
    ['Forwarded', { forwarded: 'proto=https' }],
  ])('ignores %s from an untrusted peer', async (_name, headers) => {
    const { url } = await startGenesis({ config: requireHttps([]) })
    const response = await askWith(url, headers)
    const body = (await response.json()) as { error: string }

    expect(response.status).toBe(403)
    expect(body.error).toBe('https_required')
  })

  it('ignores http from a trusted proxy', async () => {
    const { url } = await startGenesis({ config: requireHttps(['127.0.0.1/32']) })
    const response = await askWith(url, { 'x-forwarded-proto': 'http' })
    await response.arrayBuffer()

    expect(response.status).toBe(403)
  })
})
