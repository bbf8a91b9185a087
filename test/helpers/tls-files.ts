/**
 * Self-signed certificates made with the openssl command line, and HTTPS requests that pin
 * them as the only CA and report the certificate the server presented.
 */

import { X509Certificate } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { request } from 'node:https'
import type { TLSSocket } from 'node:tls'

import { execa } from 'execa'

export interface CertificateFiles {
  certFile: string
  keyFile: string
  /** PEM text of the certificate. */
  cert: string
  /** SHA-256 fingerprint as node:crypto writes it (`AB:CD:...`). */
  fingerprint256: string
}

export async function hasOpenssl(): Promise<boolean> {
  const result = await execa('openssl', ['version'], { reject: false })
  return result.exitCode === 0
}

/** Writes a new RSA key and a one-day self-signed certificate for localhost and 127.0.0.1. */
export async function makeCertificate(certFile: string, keyFile: string): Promise<CertificateFiles> {
  await execa('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', keyFile, '-out', certFile,
  ])
  const cert = await readFile(certFile, 'utf8')
  return { certFile, keyFile, cert, fingerprint256: new X509Certificate(cert).fingerprint256 }
}

export interface HttpsExchange {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** Fingerprint of the certificate the server presented on this (new) connection. */
  peerFingerprint256: string
}

/** Sends one request on a new TLS connection that trusts only `ca`. */
export function httpsRequest(url: string, ca: string | string[], options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpsExchange> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: options.method ?? 'GET', headers: options.headers, ca, agent: false }, (response) => {
      const socket = response.socket as TLSSocket
      const peerFingerprint256 = socket.getPeerCertificate().fingerprint256
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), peerFingerprint256 }))
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}
