import { SMTPServer } from 'smtp-server';
import { type MimePart, parseMime } from './parse-mime.js';

export interface ReceivedMail {
  /** MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  /** The logged-in user, if any. */
  user: string | undefined;
  raw: string;
  message: MimePart;
}

/** A reply the server gives instead of accepting: at `auth`, `rcpt` (each recipient) or `data` (the message). */
export interface SmtpFault {
  stage: 'auth' | 'rcpt' | 'data';
  code: number;
  message: string;
  /** How many times; default 1. */
  times?: number;
}

export interface SmtpTestServer {
  port: number;
  /** `smtp://user:pass@127.0.0.1:<port>` (`smtps://` for a TLS server; add `?tls.rejectUnauthorized=false`). */
  url(user?: string, pass?: string): string;
  mails: ReceivedMail[];
  addFault(fault: SmtpFault): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (nodemailer's `smtp-server`) on loopback, in the test process: AUTH PLAIN/LOGIN over a
 * plain connection (STARTTLS off, insecure auth allowed: this is loopback), or TLS from the start with smtp-server's
 * built-in self-signed certificate. Every accepted message is kept, parsed.
 */
export async function startSmtpTestServer(
  options: { users?: Record<string, string>; secure?: boolean } = {},
): Promise<SmtpTestServer> {
  const mails: ReceivedMail[] = [];
  const faults: Array<SmtpFault & { left: number }> = [];
  const takeFault = (stage: SmtpFault['stage']) => {
    const fault = faults.find((candidate) => candidate.stage === stage && candidate.left > 0);
    if (!fault) return undefined;
    fault.left--;
    return Object.assign(new Error(fault.message), { responseCode: fault.code });
  };
  const server = new SMTPServer({
    secure: options.secure ?? false,
    disabledCommands: options.secure ? [] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: options.users === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      const fault = takeFault('auth');
      if (fault) return callback(fault);
      if (
        options.users?.[auth.username ?? ''] !== undefined &&
        options.users[auth.username!] === auth.password
      )
        return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      const fault = takeFault('rcpt');
      callback(fault ?? undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const fault = takeFault('data');
        if (fault) return callback(fault);
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
          },
          user: typeof session.user === 'string' ? session.user : undefined,
          raw,
          message: parseMime(raw),
        });
        callback();
      });
    },
  });
  server.on('error', () => {
    // Connection-level errors (a client that hangs up) are the client's problem in these tests.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const scheme = options.secure ? 'smtps' : 'smtp';
  return {
    port,
    url: (user, pass) =>
      `${scheme}://${user === undefined ? '' : `${encodeURIComponent(user)}:${encodeURIComponent(pass ?? '')}@`}127.0.0.1:${port}`,
    mails,
    addFault: (fault) => faults.push({ ...fault, left: fault.times ?? 1 }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
