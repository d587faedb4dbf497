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

export class DataScopeGrantDto {
  @ApiProperty() roleCode!: string;
  @ApiProperty() roleName!: string;
  @ApiProperty({ enum: DATA_SCOPE_KINDS }) kind!: string;
  @ApiProperty({ type: [String] }) departmentIds!: string[];
}

export class DataScopeDto {
  @ApiProperty() all!: boolean;
  @ApiProperty({ type: [String], description: 'Departments whose records are visible, besides your own records' }) departmentIds!: string[];
  @ApiProperty({ type: [DataScopeGrantDto] }) grants!: DataScopeGrantDto[];
}

/** One sidebar entry (libs/platform ServedMenuNode): a leaf has a path, a group children. */
export class MenuNodeDto {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ required: false }) icon?: string;
  @ApiProperty({ required: false }) permission?: string;
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
