import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErpPermission } from '@zhongshu/contracts';
import { ApiProblems, ParseUuidPipe, RequirePermission } from '@zhongshu/platform';
import { CreateProductDto, ProductDto, ProductPageDto, ProductQueryDto, UpdateProductDto } from './product.dto.js';
import { ProductsService } from './products.service.js';

@ApiTags('erp')
@Controller('erp/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @RequirePermission(ErpPermission.ProductRead)
  @Get()
  @ApiOperation({ summary: 'List products', description: 'The product catalogue, paged; `search` matches part of the code or the name; names sort in pinyin order.' })
  @ApiOkResponse({ type: ProductPageDto })
  list(@Query() query: ProductQueryDto): Promise<ProductPageDto> {
    return this.products.list(query);
  }

  @RequirePermission(ErpPermission.ProductRead)
  @Get('categories')
  @ApiOperation({ summary: 'Product categories in use', description: 'Every category some product carries, in pinyin order.' })
  @ApiOkResponse({ type: [String] })
  categories(): Promise<string[]> {
    return this.products.categories();
  }

  @RequirePermission(ErpPermission.ProductRead)
  @Get(':id')
  @ApiOperation({ summary: 'Read a product', description: 'One product with its list price and tax rate.' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(404)
  read(@Param('id', ParseUuidPipe) id: string): Promise<ProductDto> {
    return this.products.read(id);
  }

  @RequirePermission(ErpPermission.ProductManage)
  @Post()
  @ApiOperation({ summary: 'Create a product', description: 'The code is unique whatever its case (409 `erp.duplicate` on `code`). The price is a decimal string before tax.' })
  @ApiCreatedResponse({ type: ProductDto })
  @ApiProblems({ status: 409, description: 'The code is taken (`erp.duplicate` on `code`)' })
  create(@Body() body: CreateProductDto): Promise<ProductDto> {
    return this.products.create(body);
  }

  @RequirePermission(ErpPermission.ProductManage)
  @Patch(':id')
  @ApiOperation({ summary: 'Change a product', description: 'Names the version it read: 409 when someone changed it since. Deactivating keeps it for the lines that name it and offers it for no new line.' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(404, 409)
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateProductDto): Promise<ProductDto> {
    return this.products.update(id, body);
  }
}
