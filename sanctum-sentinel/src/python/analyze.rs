//! Judging parsed Python: a depth-bounded walk over Ruff's AST that resolves what each call,
//! attribute and import really names, then applies [`super::rules`].
//!
//! Resolution follows the bindings a one-liner can make: `import a.b as c`, `from a import b
//! as c`, `from a import *`, `__import__('a')`, and `exec`/`eval`/`compile` of a string
//! literal (whose text is parsed and judged in turn, a few levels deep). Anything it cannot
//! resolve is *unknown* and makes the code suspicious; it never makes it benign. This module
//! never executes anything and never panics; recursion is bounded by [`MAX_DEPTH`].

use std::collections::HashMap;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{
    Expr, ExprAttribute, ExprCall, ExprContext, ExprName, Operator, Stmt, StmtImport,
    StmtImportFrom, UnaryOp,
};
use ruff_text_size::Ranged;

use super::rules::{self, Class};
use crate::verdict::{Reason, ReasonCode};

/// How deep the walk follows nested expressions and statements before giving up.
pub(crate) const MAX_DEPTH: usize = 200;
/// How many levels of `exec('…literal…')` are unwrapped and judged.
const MAX_EXEC_NESTING: usize = 3;

/// What the walk found: reasons with the byte offset they refer to, and the shim modules
/// imported (so a caller that knows the site directory can check they exist).
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// `(offset in the analysed source, reason)`; offsets of reasons found inside an
    /// `exec`'d literal point at that literal.
    pub reasons: Vec<(u32, Reason)>,
    /// Recognised shim modules the code imports.
    pub shim_imports: Vec<String>,
}

/// Parses and judges `source` as a module (what `exec(line)` and `import sitecustomize` do).
/// `nesting` counts enclosing `exec` literals.
pub(crate) fn analyze_source(source: &str, nesting: usize) -> Findings {
    let parsed =
        ruff_python_parser::parse_unchecked_source(source, ruff_python_ast::PySourceType::Python);
    let mut walker = Walker {
        source,
        aliases: HashMap::new(),
        star_modules: Vec::new(),
        findings: Findings::default(),
        depth: 0,
        nesting,
        too_deep_reported: false,
    };
    if let Some(error) = parsed.errors().first() {
        walker.flag(
            error.location.start().to_u32(),
            ReasonCode::Unparseable,
            format!("does not parse as Python ({})", error.error),
        );
    }
    for stmt in parsed.suite() {
        walker.visit_stmt(stmt);
    }
    walker.findings
}

struct Walker<'s> {
    /// The text being judged (to compare identifiers with how they are spelled).
    source: &'s str,
    /// Local name → the dotted name it is bound to by an import.
    aliases: HashMap<String, String>,
    /// Modules imported with `*`, consulted for otherwise unresolved names.
    star_modules: Vec<String>,
    findings: Findings,
    depth: usize,
    nesting: usize,
    too_deep_reported: bool,
}

impl Walker<'_> {
    fn flag(&mut self, offset: u32, code: ReasonCode, message: String) {
        let reason = Reason::new(code, message);
        if !self
            .findings
            .reasons
            .iter()
            .any(|(_, known)| *known == reason)
        {
            self.findings.reasons.push((offset, reason));
        }
    }

    fn apply(&mut self, offset: u32, class: Class, subject: &str) -> bool {
        match class {
            Class::Flag(code, why) => {
                self.flag(offset, code, format!("`{subject}` {why}"));
                true
            }
            Class::Benign => true,
            Class::Unknown => false,
        }
    }

    fn enter(&mut self, offset: u32) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep_reported {
                self.too_deep_reported = true;
                self.flag(
                    offset,
                    ReasonCode::TooDeep,
                    format!("nested more than {MAX_DEPTH} levels deep; not followed further"),
                );
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn import(&mut self, offset: u32, module: &str) {
        if rules::shim_module(module).is_some() {
            if !self.findings.shim_imports.iter().any(|m| m == module) {
                self.findings.shim_imports.push(module.to_owned());
            }
            return;
        }
        let class = rules::classify_module(module);
        if !self.apply(offset, class, module) {
            self.flag(
                offset,
                ReasonCode::UnrecognisedImport,
                format!("imports `{module}`, whose code then runs at every start"),
            );
        }
    }

    fn visit_import(&mut self, node: &StmtImport) {
        let offset = node.range.start().to_u32();
        for alias in &node.names {
            let module = alias.name.id.as_str();
            self.import(offset, module);
            if let Some(asname) = &alias.asname {
                self.aliases
                    .insert(asname.id.to_string(), module.to_owned());
            } else {
                let top = module.split('.').next().unwrap_or(module);
                self.aliases.insert(top.to_owned(), top.to_owned());
            }
        }
    }

    fn visit_import_from(&mut self, node: &StmtImportFrom) {
        let offset = node.range.start().to_u32();
        let module = node.module.as_ref().map_or("", |m| m.id.as_str());
        if node.level > 0 {
            self.flag(
                offset,
                ReasonCode::UnrecognisedImport,
                format!(
                    "relative import from `{}{module}`",
                    ".".repeat(node.level.min(8) as usize)
                ),
            );
            return;
        }
        self.import(offset, module);
        for alias in &node.names {
            let name = alias.name.id.as_str();
            if name == "*" {
                self.star_modules.push(module.to_owned());
                self.flag(
                    offset,
                    ReasonCode::UnrecognisedCode,
                    format!("star import from `{module}`"),
                );
                continue;
            }
            let qualified = format!("{module}.{name}");
            let class = rules::classify_reference(&qualified);
            self.apply(offset, class, &qualified);
            let local = alias.asname.as_ref().map_or(name, |a| a.id.as_str());
            self.aliases.insert(local.to_owned(), qualified);
        }
    }

    /// The dotted name `expr` refers to, following import bindings, if it can be known.
    fn resolve(&self, expr: &Expr) -> Option<String> {
        self.resolve_bounded(expr, 0)
    }

    fn resolve_bounded(&self, expr: &Expr, hops: usize) -> Option<String> {
        if hops > 64 {
            return None;
        }
        match expr {
            Expr::Name(name) => {
                let id = name.id.as_str();
                if let Some(target) = self.aliases.get(id) {
                    return Some(target.clone());
                }
                if let Some(module) = self.star_modules.first() {
                    return Some(format!("{module}.{id}"));
                }
                Some(id.to_owned())
            }
            Expr::Attribute(attribute) => {
                let base = self.resolve_bounded(&attribute.value, hops + 1)?;
                Some(format!("{base}.{}", attribute.attr.id))
            }
            Expr::Call(call) => {
                // `__import__('a.b')` evaluates to the top-level module `a`.
                if let Expr::Name(name) = call.func.as_ref()
                    && name.id.as_str() == "__import__"
                    && !self.aliases.contains_key("__import__")
                    && let Some(Expr::StringLiteral(literal)) = call.arguments.args.first()
                {
                    let module = literal.value.to_str();
                    return Some(module.split('.').next().unwrap_or(module).to_owned());
                }
                None
            }
            _ => None,
        }
    }

    fn is_builtin(&self, name: &str) -> bool {
        !self.aliases.contains_key(name) && self.star_modules.is_empty()
    }

    fn visit_call(&mut self, call: &ExprCall) {
        let offset = call.range().start().to_u32();
        if let Expr::Name(name) = call.func.as_ref() {
            self.check_spelling(name);
        }
        let literal_first = match call.arguments.args.first() {
            Some(Expr::StringLiteral(literal)) => Some(literal),
            _ => None,
        };
        if let Expr::Name(name) = call.func.as_ref()
            && self.is_builtin(name.id.as_str())
        {
            let id = name.id.as_str();
            match id {
                "exec" | "eval" | "compile" if literal_first.is_some() => {
                    if let Some(literal) = literal_first {
                        self.judge_exec_literal(offset, id, literal.value.to_str());
                    }
                    for keyword in &call.arguments.keywords {
                        self.visit_expr(&keyword.value);
                    }
                    for arg in call.arguments.args.iter().skip(1) {
                        self.visit_expr(arg);
                    }
                    return;
                }
                "__import__" if literal_first.is_some() => {
                    if let Some(literal) = literal_first {
                        let module = literal.value.to_str().to_owned();
                        self.import(offset, &module);
                    }
                    for arg in call.arguments.args.iter().skip(1) {
                        self.visit_expr(arg);
                    }
                    return;
                }
                "open" => self.judge_open(offset, call),
                _ => {}
            }
        }
        match self.resolve(&call.func) {
            Some(target) => {
                let handled = match call.func.as_ref() {
                    Expr::Name(name) if self.is_builtin(name.id.as_str()) => {
                        let class = rules::classify_builtin(&target);
                        target == "open" || self.apply(offset, class, &target)
                    }
                    _ => self.apply(offset, rules::classify_reference(&target), &target),
                };
                if !handled {
                    self.flag(
                        offset,
                        ReasonCode::UnrecognisedCode,
                        format!("calls `{target}`"),
                    );
                }
            }
            None => self.flag(
                offset,
                ReasonCode::UnrecognisedCode,
                "calls something computed at run time".to_owned(),
            ),
        }
        // `<literal>.join(…)` assembles names from pieces.
        if let Expr::Attribute(attribute) = call.func.as_ref()
            && attribute.attr.id.as_str() == "join"
            && matches!(attribute.value.as_ref(), Expr::StringLiteral(_))
        {
            self.flag(
                offset,
                ReasonCode::StringObfuscation,
                "joins string pieces".to_owned(),
            );
        }
        self.visit_callee(&call.func);
        for arg in &call.arguments.args {
            self.visit_expr(arg);
        }
        for keyword in &call.arguments.keywords {
            self.visit_expr(&keyword.value);
        }
    }

    /// Walks the parts of a call target that were not classified as a whole (nested calls,
    /// subscripts), without re-flagging the name chain itself.
    fn visit_callee(&mut self, func: &Expr) {
        match func {
            Expr::Name(name) => self.check_spelling(name),
            Expr::Attribute(attribute) => {
                self.check_attribute_name(attribute);
                self.visit_callee(&attribute.value);
            }
            other => self.visit_expr(other),
        }
    }

    /// Flags identifiers written with characters Python folds (NFKC) into other names.
    fn check_spelling(&mut self, name: &ExprName) {
        let range = name.range;
        if self
            .source
            .get(range.start().to_usize()..range.end().to_usize())
            .is_some_and(|spelled| spelled != name.id.as_str())
        {
            self.flag(
                range.start().to_u32(),
                ReasonCode::StringObfuscation,
                format!(
                    "identifier spelled with look-alike characters (Python reads `{}`)",
                    name.id
                ),
            );
        }
    }

    fn judge_slice(&mut self, offset: u32, subscript: &ruff_python_ast::ExprSubscript) {
        if let Expr::Slice(slice) = subscript.slice.as_ref()
            && let Some(step) = &slice.step
            && !matches!(step.as_ref(), Expr::NumberLiteral(_))
        {
            let reversed = matches!(step.as_ref(), Expr::UnaryOp(op) if op.op == UnaryOp::USub);
            let message = if reversed {
                "reverses a sequence (`[::-1]`)"
            } else {
                "slices with a computed step"
            };
            self.flag(offset, ReasonCode::StringObfuscation, message.to_owned());
        }
    }

    fn judge_string(&mut self, offset: u32, literal: &ruff_python_ast::ExprStringLiteral) {
        let text = literal.value.to_str();
        if literal.value.is_implicit_concatenated() {
            self.flag(
                offset,
                ReasonCode::StringObfuscation,
                "splits a string into adjacent pieces".to_owned(),
            );
        }
        if rules::names_startup_hook(text) {
            self.flag(
                offset,
                ReasonCode::StartupHookReference,
                "mentions sitecustomize/usercustomize".to_owned(),
            );
        }
        if rules::names_credential_file(text) {
            self.flag(
                offset,
                ReasonCode::CredentialAccess,
                "names a credential file".to_owned(),
            );
        }
    }

    fn check_attribute_name(&mut self, attribute: &ExprAttribute) {
        let name = attribute.attr.id.as_str();
        if let Class::Flag(code, why) = rules::classify_attribute(name) {
            self.flag(
                attribute.range.start().to_u32(),
                code,
                format!("`.{name}` {why}"),
            );
        }
    }

    fn judge_exec_literal(&mut self, offset: u32, function: &str, text: &str) {
        if self.nesting >= MAX_EXEC_NESTING {
            self.flag(
                offset,
                ReasonCode::DynamicCodeExecution,
                format!("`{function}` of a literal nested more than {MAX_EXEC_NESTING} levels"),
            );
            return;
        }
        let inner = super::analyze_snippet(text, self.nesting + 1);
        for (_, reason) in inner.reasons {
            if !self
                .findings
                .reasons
                .iter()
                .any(|(_, known)| *known == reason)
            {
                self.findings.reasons.push((offset, reason));
            }
        }
        for module in inner.shim_imports {
            if !self.findings.shim_imports.contains(&module) {
                self.findings.shim_imports.push(module);
            }
        }
    }

    fn judge_open(&mut self, offset: u32, call: &ExprCall) {
        let mode = call.arguments.args.get(1).or_else(|| {
            call.arguments
                .keywords
                .iter()
                .find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == "mode"))
                .map(|k| &k.value)
        });
        match mode {
            None => self.flag(
                offset,
                ReasonCode::FileRead,
                "opens a file for reading".to_owned(),
            ),
            Some(Expr::StringLiteral(literal)) => {
                let mode = literal.value.to_str();
                if mode.contains(['w', 'a', 'x', '+']) {
                    self.flag(
                        offset,
                        ReasonCode::FileWrite,
                        format!("opens a file with mode `{mode}`"),
                    );
                } else {
                    self.flag(
                        offset,
                        ReasonCode::FileRead,
                        "opens a file for reading".to_owned(),
                    );
                }
            }
            Some(_) => self.flag(
                offset,
                ReasonCode::FileWrite,
                "opens a file with a computed mode".to_owned(),
            ),
        }
    }

    fn visit_store_target(&mut self, target: &Expr) {
        let offset = target.range().start().to_u32();
        let base = match target {
            Expr::Attribute(attribute) => self
                .resolve(target)
                .or_else(|| self.resolve(&attribute.value)),
            Expr::Subscript(subscript) => self.resolve(&subscript.value),
            _ => None,
        };
        if let Some(base) = base {
            if base == "os.environ" {
                self.flag(
                    offset,
                    ReasonCode::EnvironmentChange,
                    "sets an environment variable".to_owned(),
                );
            } else if !self.apply(offset, rules::classify_reference(&base), &base) {
                self.flag(
                    offset,
                    ReasonCode::UnrecognisedCode,
                    format!("assigns to `{base}`"),
                );
            }
        }
    }
}

impl<'a> Visitor<'a> for Walker<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !self.enter(stmt.range().start().to_u32()) {
            return;
        }
        match stmt {
            Stmt::Import(node) => self.visit_import(node),
            Stmt::ImportFrom(node) => self.visit_import_from(node),
            Stmt::Assign(node) => {
                for target in &node.targets {
                    self.visit_store_target(target);
                    if let Expr::Name(name) = target {
                        self.aliases.remove(name.id.as_str());
                    }
                }
                self.visit_expr(&node.value);
            }
            Stmt::AugAssign(node) => {
                self.visit_store_target(&node.target);
                self.visit_expr(&node.value);
            }
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {
                self.flag(
                    stmt.range().start().to_u32(),
                    ReasonCode::UnrecognisedCode,
                    "defines functions or classes".to_owned(),
                );
                visitor::walk_stmt(self, stmt);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Delete(_) => {
                self.flag(
                    stmt.range().start().to_u32(),
                    ReasonCode::UnrecognisedCode,
                    "rebinds or deletes names".to_owned(),
                );
                visitor::walk_stmt(self, stmt);
            }
            Stmt::While(_) | Stmt::For(_) | Stmt::With(_) | Stmt::Match(_) | Stmt::Raise(_) => {
                self.flag(
                    stmt.range().start().to_u32(),
                    ReasonCode::UnrecognisedCode,
                    "runs loops, context managers or raises".to_owned(),
                );
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
        self.depth -= 1;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        let offset = expr.range().start().to_u32();
        if !self.enter(offset) {
            return;
        }
        if let Expr::Name(name) = expr {
            self.check_spelling(name);
        }
        match expr {
            Expr::Call(call) => self.visit_call(call),
            Expr::Name(name) if name.ctx == ExprContext::Load => {
                let id = name.id.as_str();
                if let Some(target) = self.aliases.get(id).cloned() {
                    let class = rules::classify_reference(&target);
                    self.apply(offset, class, &target);
                } else if self.star_modules.is_empty() {
                    let class = rules::classify_builtin(id);
                    if matches!(class, Class::Flag(..)) {
                        self.apply(offset, class, id);
                    }
                }
            }
            Expr::Attribute(attribute) => {
                self.check_attribute_name(attribute);
                if let Some(target) = self.resolve(expr) {
                    let class = rules::classify_reference(&target);
                    if matches!(class, Class::Flag(..)) {
                        self.apply(offset, class, &target);
                    }
                }
                self.visit_callee(&attribute.value);
            }
            Expr::Subscript(subscript) => {
                self.judge_slice(offset, subscript);
                visitor::walk_expr(self, expr);
            }
            Expr::BinOp(binop)
                if binop.op == Operator::Add
                    && matches!(binop.left.as_ref(), Expr::StringLiteral(_) | Expr::BinOp(_))
                    && matches!(binop.right.as_ref(), Expr::StringLiteral(_)) =>
            {
                self.flag(
                    offset,
                    ReasonCode::StringObfuscation,
                    "concatenates string pieces".to_owned(),
                );
                visitor::walk_expr(self, expr);
            }
            Expr::StringLiteral(literal) => self.judge_string(offset, literal),
            Expr::Lambda(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
            | Expr::Generator(_)
            | Expr::Await(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_) => {
                self.flag(
                    offset,
                    ReasonCode::UnrecognisedCode,
                    "uses lambdas, comprehensions or coroutines".to_owned(),
                );
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
        self.depth -= 1;
    }
}
