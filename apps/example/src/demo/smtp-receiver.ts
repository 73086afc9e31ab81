/** A message the local SMTP server accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The decoded Subject header. */
  subject: string;
  raw: string;
  at: number;
}

export interface SmtpReceiver {
  /** `smtp://user:password@127.0.0.1:<port>`: the value for SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  stop(): Promise<void>;
}

/**
 * A real SMTP server (nodemailer's `smtp-server`) on a free loopback port that requires a login and keeps every
 * message it accepts. Loaded only when the demo runs.
 */
export async function startSmtpReceiver(
  credentials = { user: 'slokit', password: 'demo-smtp-password' },
): Promise<SmtpReceiver> {
  const { SMTPServer } = await import('smtp-server');
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Loopback only: no STARTTLS, and login over the plain connection.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.password)
        return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          subject: decodeHeader(headerValue(raw, 'subject') ?? ''),
          raw,
          at: Date.now(),
        });
        callback();
      });
    },
  });
  server.on('error', () => {
    // A client hanging up mid-conversation is the client's problem.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`,
    mails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The value of a header of a raw message, unfolded. */
export function headerValue(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), as mail clients show subjects. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g,
      (_whole, _charset: string, encoding: string, text: string) => {
        if (encoding.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
        const bytes = text
          .replace(/_/g, ' ')
          .replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) =>
            String.fromCharCode(Number.parseInt(hex, 16)),
          );
        return Buffer.from(bytes, 'latin1').toString('utf8');
      },
    );
}
