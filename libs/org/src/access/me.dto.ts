import { ApiProperty } from '@nestjs/swagger';
import { DATA_SCOPE_KINDS } from '@zhongshu/platform';

export class MeDepartmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class MeProfileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() name!: string;
  @ApiProperty() employeeNo!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) mobile!: string | null;
  @ApiProperty({ type: MeDepartmentDto }) department!: MeDepartmentDto;
  @ApiProperty({ nullable: true, type: String }) positionName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) managerId!: string | null;
}

/** One role's data scope, and the permissions whose records it decides. */
export class DataScopeGrantDto {
  @ApiProperty() roleCode!: string;
  @ApiProperty() roleName!: string;
  @ApiProperty({ enum: DATA_SCOPE_KINDS }) kind!: string;
  @ApiProperty({ type: [String], description: 'The departments this role reaches for you (empty for self and all)' }) departmentIds!: string[];
  @ApiProperty({ description: 'The role grants every permission, so its scope goes with each' }) allPermissions!: boolean;
  @ApiProperty({ type: [String], description: 'The permissions this role grants, whose reach this scope decides' }) permissions!: string[];
}

/** How far one permission reaches: the widest of the roles that grant it, besides your own records. */
export class PermissionScopeDto {
  @ApiProperty({ example: 'org:person:read' }) permission!: string;
  @ApiProperty() all!: boolean;
  @ApiProperty({ type: [String], description: 'Departments whose records this permission reaches, besides your own records' }) departmentIds!: string[];
  @ApiProperty({ type: [String], description: 'The roles that grant this permission' }) roleCodes!: string[];
}

export class DataScopeDto {
  @ApiProperty({ type: [DataScopeGrantDto] }) grants!: DataScopeGrantDto[];
  @ApiProperty({ type: [PermissionScopeDto], description: 'Each permission you hold, with its reach' }) permissions!: PermissionScopeDto[];
}

/** One sidebar entry (libs/platform ServedMenuNode): a leaf has a path, a group children. */
export class MenuNodeDto {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ required: false }) icon?: string;
  @ApiProperty({ required: false }) permission?: string;
  @ApiProperty({ required: false, description: 'A badge counter key (GET /api/v1/platform/badges): the count to show beside the entry' }) badge?: string;
  @ApiProperty({ required: false }) path?: string;
  @ApiProperty({ required: false, type: () => [MenuNodeDto] }) children?: MenuNodeDto[];
}

export class RoleRefDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class MeDto {
  @ApiProperty({ type: MeProfileDto }) profile!: MeProfileDto;
  @ApiProperty({ type: [RoleRefDto] }) roles!: RoleRefDto[];
  @ApiProperty({ type: [String] }) permissions!: string[];
  @ApiProperty({ type: DataScopeDto }) dataScope!: DataScopeDto;
  @ApiProperty({ type: [MenuNodeDto] }) menus!: MenuNodeDto[];
}
