//! Spanish. Each pair is (English as the code writes it, Spanish); counts
//! give "one|other". Neutral Spanish, addressing the visitor as "tú".

/// English to Spanish.
pub static CATALOG: &[(&str, &str)] = &[
    ("Save entry", "Guardar la entrada"),
    ("Saved {when}", "Guardado {when}"),
    ("{n} entry|{n} entries", "{n} entrada|{n} entradas"),
];
