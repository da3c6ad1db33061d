/**
 * Who the staff are, in AWS: a Cognito user pool whose ID tokens carry the
 * claims functions/platform/auth.ts reads (the local issuer, infra/local/localIssuer.ts,
 * signs the same claims):
 *   - `cognito:groups` — one group per role of functions/domain/access/identity.ts;
 *   - `custom:estates` — the estates a user serves, comma-separated, or `*` (HQ, compliance, admin);
 *   - `custom:department` — the department of a handler or frontline staff member;
 *   - `custom:language` — the language of their emails (zh-Hant, zh-Hans, en), absent: their estate's.
 *
 * Only administrators create users and set these attributes (no self sign-up; the app
 * client may not write `custom:*`, or a user could widen their own estates). Staff sign in
 * through the managed login (authorization code + PKCE, TOTP MFA required, threat protection
 * enforced: Plus feature plan); the first administrator comes from `-c adminEmail=…`.
 * See docs/ACCESS.md.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { STAFF_ROLES, type StaffRole } from '../../functions/domain/access/identity';

export const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  'frontline-staff': 'Frontline staff (管理員, 前台): log complaints, resolve simple ones on the spot',
  'information-officer': 'Information officer (信息員): records front-desk complaints (客戶意見征詢表); handles none',
  supervisor: 'Supervisor (主管, 主辦, 班長): handles and assigns the cases of their department',
  'department-handler': 'Department handler (部門經理 / 指定專人): handles cases routed to their department',
  'cs-lead': 'Estate customer-service lead (客戶服務負責人): triages and tracks every case of the estate',
  'assistant-manager': 'Assistant manager, customer (經理助理(客戶)): the CS lead reports to them',
  'estate-manager': 'Estate manager (管理處經理): decides difficult cases and compensation',
  hq: 'Group headquarters (集團): every estate; escalations, large compensation',
  compliance: 'Compliance and audit: read-only, audit export',
  admin: 'Administrator: configuration of estates, departments, users; erasure',
};

/** Longest value Cognito allows for a custom string attribute. */
export const MAX_ESTATES_ATTRIBUTE_LENGTH = 2048;

/** Token lifetimes of the staff app client (docs/ACCESS.md, "How the console keeps tokens"). */
export const STAFF_TOKEN_LIFETIMES = { idTokenHours: 1, accessTokenHours: 1, refreshTokenHours: 12, authSessionMinutes: 5 } as const;

export interface StaffDirectoryProps {
  /** The staff console's address: the app client's only callback and sign-out URL. */
  consoleUrl: string;
  /** The first administrator's email (`-c adminEmail=…`): created with the stack, invited by Cognito's email. */
  adminEmail?: string;
  /** Prefix of the managed login domain (`<prefix>.auth.<region>.amazoncognito.com`); must be unique in the region. */
  domainPrefix: string;
}

export class StaffDirectory extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly groups: Record<StaffRole, cognito.CfnUserPoolGroup>;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffDirectoryProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Staff accounts are created by administrators, never by the public.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: true, mutable: true } },
      customAttributes: {
        estates: new cognito.StringAttribute({ minLen: 1, maxLen: MAX_ESTATES_ATTRIBUTE_LENGTH, mutable: true }),
        department: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        // The language their emails are written in (zh-Hant, zh-Hans, en); absent: their estate's. Added to an existing pool in place.
        language: new cognito.StringAttribute({ minLen: 2, maxLen: 8, mutable: true }),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 12,
      },
      // Staff see residents' personal data (HQ and compliance: of every estate): a password alone is not enough.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.groups = Object.fromEntries(
      STAFF_ROLES.map((role, precedence) => [
        role,
        new cognito.CfnUserPoolGroup(this, `Group-${role}`, {
          userPoolId: this.userPool.userPoolId,
          groupName: role,
          description: ROLE_DESCRIPTIONS[role],
          precedence,
        }),
      ]),
    ) as Record<StaffRole, cognito.CfnUserPoolGroup>;

    this.client = this.userPool.addClient('StaffClient', {
      userPoolClientName: 'staff',
      // A public client (the console holds the tokens), so no secret. Staff sign in through the managed login
      // with the authorization code flow and PKCE (the console always sends an S256 challenge); no implicit
      // flow, so no token ever travels in a URL. SRP stays for the managed login's own use.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [props.consoleUrl],
        logoutUrls: [props.consoleUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(STAFF_TOKEN_LIFETIMES.idTokenHours),
      accessTokenValidity: Duration.hours(STAFF_TOKEN_LIFETIMES.accessTokenHours),
      refreshTokenValidity: Duration.hours(STAFF_TOKEN_LIFETIMES.refreshTokenHours),
      authSessionValidity: Duration.minutes(STAFF_TOKEN_LIFETIMES.authSessionMinutes),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('estates', 'department'),
      // Users may change their display name; never their estates or department (that would widen their access).
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    // The managed login (hosted sign-in pages, with the pool's TOTP MFA) staff are sent to by the console.
    this.domain = this.userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    new cognito.CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    if (props.adminEmail !== undefined) {
      // The first administrator: Cognito emails the invitation (a temporary password); they set a password
      // and TOTP at first sign-in, then create everyone else from the console.
      const admin = new cognito.CfnUserPoolUser(this, 'BootstrapAdmin', {
        userPoolId: this.userPool.userPoolId,
        username: 'admin',
        desiredDeliveryMediums: ['EMAIL'],
        userAttributes: [
          { name: 'email', value: props.adminEmail },
          { name: 'email_verified', value: 'true' },
          { name: 'name', value: 'Administrator' },
          { name: 'custom:estates', value: '*' },
        ],
      });
      const membership = new cognito.CfnUserPoolUserToGroupAttachment(this, 'BootstrapAdminIsAdmin', {
        userPoolId: this.userPool.userPoolId,
        groupName: 'admin',
        username: 'admin',
      });
      membership.node.addDependency(admin, this.groups.admin);
    }
  }

  /** The managed login's base URL (authorize, token, logout endpoints under it; OIDC discovery is at the issuer). */
  get managedLoginUrl(): string {
    return this.domain.baseUrl();
  }

  /** Lets a function list staff (functions/platform/cognitoStaffDirectory.ts `list`): ListUsersInGroup on this pool only. */
  grantListStaff(fn: lambda.Function): void {
    fn.addEnvironment('STAFF_USER_POOL_ID', this.userPool.userPoolId);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['cognito-idp:ListUsersInGroup'], resources: [this.userPool.userPoolArn] }));
  }

  /** Lets a function read staff (who serves an estate, whether an assignee exists, the assigned person's address); the pool's id in STAFF_USER_POOL_ID. */
  grantReadStaff(fn: lambda.Function): void {
    fn.addEnvironment('STAFF_USER_POOL_ID', this.userPool.userPoolId);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser', 'cognito-idp:ListUsersInGroup'],
        resources: [this.userPool.userPoolArn],
      }),
    );
  }

  /**
   * Lets a function manage staff (functions/platform/cognitoStaffDirectory.ts): exactly the user-pool
   * operations the directory uses, on this pool only; the pool's id in STAFF_USER_POOL_ID.
   */
  grantManageStaff(fn: lambda.Function): void {
    fn.addEnvironment('STAFF_USER_POOL_ID', this.userPool.userPoolId);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'cognito-idp:AdminCreateUser',
          'cognito-idp:AdminGetUser',
          'cognito-idp:AdminAddUserToGroup',
          'cognito-idp:AdminRemoveUserFromGroup',
          'cognito-idp:AdminListGroupsForUser',
          'cognito-idp:AdminUpdateUserAttributes',
          'cognito-idp:AdminDisableUser',
          'cognito-idp:AdminEnableUser',
          'cognito-idp:AdminUserGlobalSignOut',
          'cognito-idp:ListUsersInGroup',
        ],
        resources: [this.userPool.userPoolArn],
      }),
    );
  }

  /** The `iss` claim of the pool's tokens. */
  get issuer(): string {
    // Built as the HTTP API's user-pool authorizer builds it, so the two checks agree.
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  /** Where Cognito publishes the pool's signing keys. */
  get jwksUrl(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }

  /** The `aud` claim of the pool's ID tokens: the app client. */
  get audience(): string {
    return this.client.userPoolClientId;
  }
}
