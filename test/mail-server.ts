// A real SMTP server in the test process (smtp-server), so mail tests go through nodemailer's
// SMTP transport exactly as production does, and read back what was received (mailparser).
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
}

export async function startMailServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"], // plain SMTP on loopback; SMTP_SECURE is nodemailer's business
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
          received.push({ to, from: mail.from?.text ?? "", subject: mail.subject ?? "", text: mail.text ?? "" });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    /** SMTP settings for setUpTestApp's env. */
    env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port), MAIL_FROM: "jongto <no-reply@jongto.test>" },
    mailsTo: (address: string) => received.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text with this path prefix, as a path (for supertest). */
export function linkIn(mail: ReceivedMail | undefined, prefix: string): string {
  const match = mail ? new RegExp(`https?://[^/\\s]+(${prefix.replace(/[/]/g, "\\/")}[^\\s]*)`).exec(mail.text) : null;
  if (!match) throw new Error(`no ${prefix} link in ${mail ? JSON.stringify(mail.text) : "no mail"}`);
  return match[1]!;
}
