/**
 * Outgoing email: an SES domain identity (DKIM-signed) for the sender domain
 * taken from the `senderDomain` context value. Complainant emails are sent
 * from `complaints@<domain>`.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export const DEFAULT_SENDER_DOMAIN = 'complaints.example.com';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export interface EmailProps {
  /** The domain mail is sent from; verified in SES through the DKIM records the identity publishes. */
  senderDomain: string;
  /**
   * Verified recipient identities (addresses or domains) to allow while the account is in the SES
   * sandbox, where SES also checks the sender's authorisation against each recipient's identity.
   * Leave empty in production.
   */
  sandboxRecipients?: string[];
}

export class Email extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly senderDomain: string;
  readonly senderEmail: string;
  private readonly sandboxRecipientArns: string[];

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    const domain = props.senderDomain.trim().toLowerCase();
    if (!DOMAIN.test(domain)) throw new Error(`senderDomain must be a DNS domain name, got "${props.senderDomain}"`);
    this.senderDomain = domain;
    this.senderEmail = `complaints@${domain}`;
    this.identity = new ses.EmailIdentity(this, 'Identity', { identity: ses.Identity.domain(domain) });
    this.sandboxRecipientArns = (props.sandboxRecipients ?? []).map((recipient) => {
      const identity = recipient.trim().toLowerCase();
      if (!EMAIL.test(identity) && !DOMAIN.test(identity)) throw new Error(`sesSandboxRecipients: "${recipient}" is neither an email address nor a domain`);
      return Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: identity });
    });
  }

  /** ses:SendEmail and ses:SendRawEmail from the sender identity (and to the sandbox recipients, if any) only. */
  grantSendEmail(grantee: iam.IGrantable): void {
    this.identity.grantSendEmail(grantee);
    if (this.sandboxRecipientArns.length > 0) {
      iam.Grant.addToPrincipal({ grantee, actions: ['ses:SendEmail', 'ses:SendRawEmail'], resourceArns: this.sandboxRecipientArns });
    }
  }
}
