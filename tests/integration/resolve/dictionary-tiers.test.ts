import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { customerResolutionSql } from '../../../src/stages/resolve/dictionary-sql.js';
import { productResolutionSql } from '../../../src/stages/resolve/product-dictionary-sql.js';
import { CUSTOMER_RESOLUTIONS_DDL, PRODUCT_RESOLUTIONS_DDL } from '../../../src/stages/resolve/resolution-tables.js';

/** The deterministic tiers decided in one INSERT each: which tier wins for which alias. */
describe('dictionary, not-ours and exact-name tiers', () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(':memory:');
    for (const sql of [
      `CREATE TABLE std_rows (kind VARCHAR, seller_code VARCHAR, customer VARCHAR, customer_province VARCHAR, customer_city VARCHAR, store VARCHAR,
         product VARCHAR, spec VARCHAR, unit VARCHAR, manufacturer VARCHAR, qty DOUBLE, amount DOUBLE)`,
      `INSERT INTO std_rows VALUES
         ('sales', 'D1', '协和医院', '北京市', '北京市', NULL, '西地碘含片', '1.5mg*15片', '盒', NULL, 10, 100),
         ('sales', 'D1', '协和医院', '北京市', '北京市', NULL, '华素片', '1.5MG * 15片', '片', NULL, 30, 20),
         ('sales', 'D2', '协和医院', NULL, NULL, NULL, '西地碘含片', NULL, NULL, NULL, 5, 50),
         ('sales', 'D1', '同名医院', NULL, NULL, NULL, '不是我们的药', NULL, NULL, NULL, 1, 1),
         ('sales', 'D1', '北京同仁医院', NULL, NULL, NULL, '奥卡西平片', '0.3g*30片', '盒', NULL, 2, 2),
         ('sales', 'D1', '不认识的诊所', NULL, NULL, NULL, '奥卡西平片', '0.15g*30片', '盒', NULL, 1, 1),
         ('sales', 'D1', '北京同仁医院', NULL, NULL, NULL, '奥卡西平片', '0.3G×30片', '盒', NULL, 1, 1),
         ('sales', 'D1', '北京同仁医院', NULL, NULL, NULL, '西地碘含片', '1.5mg x 15片', '盒', NULL, 1, 1),
         ('retail', 'C1', NULL, NULL, NULL, '某某药房一店', '西地碘含片', NULL, NULL, NULL, 1, 1)`,
      // name_key / brand_key: the name as loaded text is cleaned, as writeMappingTables writes it
      'CREATE TABLE customers (code VARCHAR, name VARCHAR, type VARCHAR, tier INTEGER, province VARCHAR, city VARCHAR, name_key VARCHAR)',
      `INSERT INTO customers VALUES ('H1', '中国医学科学院北京协和医院', 'hospital', NULL, '北京市', '北京市', '中国医学科学院北京协和医院'),
         ('H2', '北京协和医院(东院)', 'hospital', NULL, '北京市', '北京市', '北京协和医院(东院)'), ('H3', '北京同仁医院', 'hospital', NULL, '北京市', '北京市', '北京同仁医院'),
         ('H4', '同名医院', 'hospital', NULL, NULL, NULL, '同名医院'), ('H5', '同名医院', 'hospital', NULL, NULL, NULL, '同名医院')`,
      'CREATE TABLE customer_aliases (distributor VARCHAR, raw_name VARCHAR, code VARCHAR)',
      `INSERT INTO customer_aliases VALUES ('*', '协和医院', 'H2'), ('D1', '协和医院', 'H1')`,
      'CREATE TABLE not_ours (kind VARCHAR, distributor VARCHAR, raw_name VARCHAR, raw_spec VARCHAR, raw_unit VARCHAR, raw_manufacturer VARCHAR)',
      `INSERT INTO not_ours VALUES ('products', '*', '不是我们的药', NULL, NULL, NULL)`,
      'CREATE TABLE products (sku VARCHAR, name VARCHAR, brand VARCHAR, spec VARCHAR, unit VARCHAR, manufacturer VARCHAR, product_group VARCHAR, name_key VARCHAR, brand_key VARCHAR, spec_key VARCHAR)',
      `INSERT INTO products VALUES ('S1', '西地碘含片', '华素片', '1.5mg*15片', '盒', NULL, 'G', '西地碘含片', '华素片', '1.5mg*15片'),
         ('S2', '奥卡西平片', NULL, '0.3g*30片', '盒', NULL, 'G', '奥卡西平片', NULL, '0.3g*30片'),
         ('S3', '奥卡西平片', NULL, '0.15g*50片', '盒', NULL, 'G', '奥卡西平片', NULL, '0.15g*50片'),
         ('S4', '不是我们的药', NULL, NULL, '盒', NULL, 'G', '不是我们的药', NULL, NULL)`,
      'CREATE TABLE product_aliases (distributor VARCHAR, raw_name VARCHAR, raw_spec VARCHAR, raw_unit VARCHAR, sku VARCHAR, factor DOUBLE)',
      `INSERT INTO product_aliases VALUES ('D2', '西地碘含片', NULL, NULL, 'S1', 1)`,
      CUSTOMER_RESOLUTIONS_DDL,
      customerResolutionSql.tiers,
      PRODUCT_RESOLUTIONS_DDL,
      productResolutionSql.tiers,
    ]) {
      await db.run('setup', sql);
    }
  });
  afterAll(() => db.close());

  it('customers: the distributor’s own alias before a * one, a unique exact name, several entries of one name for review', async () => {
    const rows = await db.all('customers', 'SELECT distributor, raw_name, rows, code, status, method, reason, candidates FROM customer_resolutions ORDER BY distributor, raw_name');
    expect(rows).toEqual([
      { distributor: 'C1', raw_name: '某某药房一店', rows: 1, code: null, status: 'unmatched', method: 'none', reason: null, candidates: null },
      { distributor: 'D1', raw_name: '不认识的诊所', rows: 1, code: null, status: 'unmatched', method: 'none', reason: null, candidates: null },
      { distributor: 'D1', raw_name: '北京同仁医院', rows: 3, code: 'H3', status: 'auto', method: 'exact', reason: 'exact master name', candidates: null },
      { distributor: 'D1', raw_name: '协和医院', rows: 2, code: 'H1', status: 'auto', method: 'dictionary', reason: 'confirmed alias (customer_aliases.csv, distributor D1)', candidates: null },
      {
        distributor: 'D1', raw_name: '同名医院', rows: 1, code: null, status: 'review', method: 'exact', reason: 'several master entries have this exact name',
        candidates: '[{"code":"H4","name":"同名医院","score":1.0},{"code":"H5","name":"同名医院","score":1.0}]',
      },
      { distributor: 'D2', raw_name: '协和医院', rows: 1, code: 'H2', status: 'auto', method: 'dictionary', reason: 'confirmed alias (customer_aliases.csv, distributor *)', candidates: null },
    ]);
  });

  it('products: dictionary, not ours before an exact name, exact name or brand with a loosely equal spec, a factor only in the master unit', async () => {
    const rows = await db.all('products', 'SELECT distributor, raw_name, raw_spec, code, status, method, factor, reason FROM product_resolutions ORDER BY distributor, raw_name, raw_spec NULLS FIRST');
    expect(rows).toEqual([
      { distributor: 'C1', raw_name: '西地碘含片', raw_spec: null, code: 'S1', status: 'auto', method: 'exact', factor: 1, reason: 'exact master name' },
      { distributor: 'D1', raw_name: '不是我们的药', raw_spec: null, code: null, status: 'not_ours', method: 'dictionary', factor: null, reason: 'marked not ours by a reviewer (not_ours.csv)' },
      { distributor: 'D1', raw_name: '华素片', raw_spec: '1.5MG * 15片', code: 'S1', status: 'auto', method: 'exact', factor: null, reason: 'exact master name and spec' },
      { distributor: 'D1', raw_name: '奥卡西平片', raw_spec: '0.15g*30片', code: null, status: 'unmatched', method: 'none', factor: null, reason: null },
      { distributor: 'D1', raw_name: '奥卡西平片', raw_spec: '0.3G×30片', code: 'S2', status: 'auto', method: 'exact', factor: 1, reason: 'exact master name and spec' },
      { distributor: 'D1', raw_name: '奥卡西平片', raw_spec: '0.3g*30片', code: 'S2', status: 'auto', method: 'exact', factor: 1, reason: 'exact master name and spec' },
      { distributor: 'D1', raw_name: '西地碘含片', raw_spec: '1.5mg x 15片', code: 'S1', status: 'auto', method: 'exact', factor: 1, reason: 'exact master name and spec' },
      { distributor: 'D1', raw_name: '西地碘含片', raw_spec: '1.5mg*15片', code: 'S1', status: 'auto', method: 'exact', factor: 1, reason: 'exact master name and spec' },
      { distributor: 'D2', raw_name: '西地碘含片', raw_spec: null, code: 'S1', status: 'auto', method: 'dictionary', factor: 1, reason: 'confirmed alias (product_aliases.csv, distributor D2)' },
    ]);
  });
});
