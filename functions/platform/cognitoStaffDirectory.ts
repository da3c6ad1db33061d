/**
 * The staff directory in AWS: the Cognito user pool (infra/constructs/staffDirectory.ts).
 * A staff member is a user whose username is their user id, in exactly one
 * role group, with `custom:estates` and `custom:department`. Creating one is
 * AdminCreateUser (Cognito emails the invitation with a temporary password)
 * then AdminAddUserToGroup; a role change moves the user between groups; a
 * leaver is AdminDisableUser (and their refresh tokens are revoked by
 * AdminUserGlobalSignOut, so their session ends within the ID token's hour).
 */
import {
  AdminDeleteUserAttributesCommand,
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { STAFF_ROLES, type StaffRole } from '../domain/access/identity';
import { LANGUAGES, type Language } from '../domain/vocabulary';
import { type StaffChange, StaffConflictError, type StaffDirectory, type StaffMember } from '../domain/admin/staffDirectory';

const attribute = (attributes: readonly AttributeType[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value;
/** `custom:language`, when it names one of ours (anything else reads as unset: the estate's language). */
const languageOf = (value: string | undefined): { language?: Language } => ((LANGUAGES as readonly string[]).includes(value ?? '') ? { language: value as Language } : {});

export class CognitoStaffDirectory implements StaffDirectory {
  constructor(
    private readonly userPoolId: string,
    private readonly client = new CognitoIdentityProviderClient({}),
  ) {}

  async list(): Promise<StaffMember[]> {
    const members: StaffMember[] = [];
    for (const role of STAFF_ROLES) {
      let NextToken: string | undefined;
      do {
        const page = await this.client.send(new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: role, NextToken, Limit: 60 }));
        for (const user of page.Users ?? []) {
          members.push({
            userId: user.Username!,
            email: attribute(user.Attributes, 'email') ?? '',
            name: attribute(user.Attributes, 'name') ?? '',
            role,
            estates: attribute(user.Attributes, 'custom:estates') ?? '',
            ...(attribute(user.Attributes, 'custom:department') ? { departmentId: attribute(user.Attributes, 'custom:department')! } : {}),
            ...languageOf(attribute(user.Attributes, 'custom:language')),
            enabled: user.Enabled !== false,
          });
        }
        NextToken = page.NextToken;
      } while (NextToken);
    }
    return members.sort((a, b) => a.userId.localeCompare(b.userId));
  }

  async get(userId: string): Promise<StaffMember | undefined> {
    try {
      const user = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
      const groups = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
      const role = (groups.Groups ?? []).map((g) => g.GroupName).find((name): name is StaffRole => (STAFF_ROLES as readonly string[]).includes(name ?? ''));
      if (!role) return undefined;
      return {
        userId,
        email: attribute(user.UserAttributes, 'email') ?? '',
        name: attribute(user.UserAttributes, 'name') ?? '',
        role,
        estates: attribute(user.UserAttributes, 'custom:estates') ?? '',
        ...(attribute(user.UserAttributes, 'custom:department') ? { departmentId: attribute(user.UserAttributes, 'custom:department')! } : {}),
        ...languageOf(attribute(user.UserAttributes, 'custom:language')),
        enabled: user.Enabled !== false,
      };
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }

  async create(member: Omit<StaffMember, 'enabled'>): Promise<StaffMember> {
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: member.userId,
          // Cognito emails the invitation (temporary password); the user sets a password and TOTP at first sign-in.
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: member.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: member.name },
            { Name: 'custom:estates', Value: member.estates },
            ...(member.departmentId ? [{ Name: 'custom:department', Value: member.departmentId }] : []),
            ...(member.language ? [{ Name: 'custom:language', Value: member.language }] : []),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof UsernameExistsException) throw new StaffConflictError(`user ${member.userId} or their email already exists`);
      throw error;
    }
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: member.userId, GroupName: member.role }));
    return { ...member, enabled: true };
  }

  async update(userId: string, change: StaffChange): Promise<StaffMember> {
    const current = await this.get(userId);
    if (!current) throw new StaffConflictError(`user ${userId} does not exist`);
    const attributes: AttributeType[] = [];
    if (change.estates !== undefined) attributes.push({ Name: 'custom:estates', Value: change.estates });
    if (change.departmentId !== undefined) attributes.push({ Name: 'custom:department', Value: change.departmentId });
    if (change.name !== undefined) attributes.push({ Name: 'name', Value: change.name });
    if (change.language !== undefined) attributes.push({ Name: 'custom:language', Value: change.language });
    if (attributes.length > 0) await this.client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: this.userPoolId, Username: userId, UserAttributes: attributes }));
    // Back to the estate's language: the attribute goes.
    if ('language' in change && change.language === undefined && current.language) await this.client.send(new AdminDeleteUserAttributesCommand({ UserPoolId: this.userPoolId, Username: userId, UserAttributeNames: ['custom:language'] }));
    if (change.role !== undefined && change.role !== current.role) {
      await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: userId, GroupName: change.role }));
      await this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: userId, GroupName: current.role }));
    }
    if (change.enabled === false && current.enabled) {
      await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
      await this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: userId }));
    }
    if (change.enabled === true && !current.enabled) await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
    return { ...current, ...change };
  }
}
