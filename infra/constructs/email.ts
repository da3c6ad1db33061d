/**
 * Outgoing email: an SES domain identity (DKIM-signed) for the sender domain
 * taken from the `senderDomain` context value. Complainant emails are sent
 * from `complaints@<domain>`.
 */
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export const DEFAULT_SENDER_DOMAIN = 'complaints.example.com';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export interface EmailProps {
  /** The domain mail is sent from; verified in SES through the DKIM records the identity publishes. */
  senderDomain: string;
}

export class Email extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly senderDomain: string;
  readonly senderEmail: string;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    const domain = props.senderDomain.trim().toLowerCase();
    if (!DOMAIN.test(domain)) throw new Error(`senderDomain must be a DNS domain name, got "${props.senderDomain}"`);
    this.senderDomain = domain;
    this.senderEmail = `complaints@${domain}`;
    this.identity = new ses.EmailIdentity(this, 'Identity', { identity: ses.Identity.domain(domain) });
  }
}
