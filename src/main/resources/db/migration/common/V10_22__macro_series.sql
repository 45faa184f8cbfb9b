-- The monthly macro series per region (city tier) and segment (income band): the factor the limit
-- policy scales its target limits by in a downturn (1 = neutral). A new book loads it from
-- data/macro-series.csv; the limit engine reads the evaluation month's row instead of a constant.
CREATE TABLE MACRO_SERIES (
    MONTH_START  DATE          NOT NULL,
    CITY_TIER    INT           NOT NULL,
    INCOME_BAND  VARCHAR(2)    NOT NULL,
    FACTOR       DECIMAL(6, 4) NOT NULL,
    SOURCE       VARCHAR(200)  NOT NULL,
    LOADED_AT    TIMESTAMP     NOT NULL,
    CONSTRAINT PK_MACRO_SERIES PRIMARY KEY (MONTH_START, CITY_TIER, INCOME_BAND),
    CONSTRAINT CK_MACRO_SERIES_TIER CHECK (CITY_TIER BETWEEN 1 AND 5),
    CONSTRAINT CK_MACRO_SERIES_BAND CHECK (INCOME_BAND IN ('I1', 'I2', 'I3', 'I4', 'I5')),
    CONSTRAINT CK_MACRO_SERIES_FACTOR CHECK (FACTOR > 0 AND FACTOR <= 2)
);
-- the built-in stress scenarios shock the series too (macroShock: the factors fall by that share)
UPDATE STRESS_SCENARIO SET PARAMETERS = '{"pdMultipliers":{"I1":1.5,"I2":1.3,"I3":1.2,"I4":1.1,"I5":1.1},"utilisationRise":0.05,"lgdChange":0.05,"incomeShock":0.10,"macroShock":0.05}' WHERE NAME = 'mild' AND BUILT_IN = TRUE;
UPDATE STRESS_SCENARIO SET PARAMETERS = '{"pdMultipliers":{"I1":2.5,"I2":2.0,"I3":1.8,"I4":1.5,"I5":1.3},"utilisationRise":0.15,"lgdChange":0.15,"incomeShock":0.25,"macroShock":0.15}' WHERE NAME = 'severe' AND BUILT_IN = TRUE;
